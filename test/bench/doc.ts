// docs/benchmarks.md holds one block per benchmark between start/end markers; a run replaces its block.

const NEW_DOC =
  '# Benchmarks\n\nFigures from `npm run bench` (not part of `npm test`). Newest run replaces the block.\n'

/** Replaces the block between `start` and `end`, or appends it under a new `## section` heading. */
export function replaceDocBlock(
  existing: string | undefined,
  block: string,
  markers: { start: string; end: string; section: string },
): string {
  const { start, end, section } = markers
  if (existing?.includes(start) && existing.includes(end)) {
    return (
      existing.slice(0, existing.indexOf(start)) + block + existing.slice(existing.indexOf(end) + end.length)
    )
  }
  return `${(existing ?? NEW_DOC).trimEnd()}\n\n## ${section}\n\n${block}\n`
}
