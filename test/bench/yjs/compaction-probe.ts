// Measures one compaction of a stored lesson in a process of its own, as a realtime server would
// run it: the bench process holds thousands of clients' garbage and the generated document, whose
// collections would be counted as stalls. Env: DB_URL, LESSON_ID. Prints one JSON line.
import postgres from 'postgres'
import { measureCompaction } from './cold-load.ts'

const env = process.env
const sql = postgres(env.DB_URL!, { onnotice: () => {}, max: 2 })
try {
  const result = await measureCompaction(sql, env.LESSON_ID!)
  console.log(JSON.stringify(result))
} finally {
  await sql.end()
}
