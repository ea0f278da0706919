// CPU time from /proc (Linux): where a request's CPU goes under load — the server (Node or Deno)
// or Postgres — and how busy the machine was with work that is not ours (it is shared).
// Clock ticks are 100 per second on Linux.
import { readdirSync, readFileSync } from 'node:fs'

const TICK_MS = 10

/** CPU milliseconds per live pid, with parents. */
export type ProcSnapshot = Map<number, { ppid: number; cpuMs: number }>

export function snapshotProcs(): ProcSnapshot {
  const procs: ProcSnapshot = new Map()
  for (const name of readdirSync('/proc')) {
    const pid = Number(name)
    if (!Number.isInteger(pid)) continue
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // Fields after the command name, which is in parentheses and may contain spaces.
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
      procs.set(pid, { ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * TICK_MS })
    } catch {
      // exited meanwhile
    }
  }
  return procs
}

/**
 * CPU milliseconds `root` and its descendants spent between two snapshots. A process that exited
 * in between is left out (pool connections closing when idle), one that started counts in full.
 */
export function treeCpuDeltaMs(before: ProcSnapshot, after: ProcSnapshot, root: number): number {
  const inTree = new Set([root])
  let grew = true
  while (grew) {
    grew = false
    for (const [pid, s] of after) {
      if (!inTree.has(pid) && inTree.has(s.ppid)) {
        inTree.add(pid)
        grew = true
      }
    }
  }
  let total = 0
  for (const pid of inTree) total += (after.get(pid)?.cpuMs ?? 0) - (before.get(pid)?.cpuMs ?? 0)
  return total
}

/** Busy CPU milliseconds of the whole machine so far (all cores, every process). */
export function machineBusyMs(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
  const n = fields.map(Number)
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0)
  return (total - n[3] - n[4]) * TICK_MS
}

/** The postmaster's pid, from postmaster.pid in its data directory. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0])
}
