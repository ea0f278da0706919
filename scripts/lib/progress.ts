/** Numbered progress lines for long starts: `[2/7] Migrations … 3 applied (120 ms)`. */
export function createProgress(total: number) {
  let n = 0
  let started = 0
  let label = ''
  const step = (name: string) => {
    n++
    label = name
    started = performance.now()
    process.stdout.write(`[${n}/${total}] ${name} …`)
  }
  step.detail = (message: string) => process.stdout.write(`\n      ${message}`)
  step.done = (result: string) => {
    const ms = Math.round(performance.now() - started)
    process.stdout.write(` ${result} (${ms} ms)\n`)
    label = ''
  }
  step.current = () => label
  return step
}
