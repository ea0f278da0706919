// Every policy in every migration follows Supabase's RLS performance guidance, checked on the
// policies Postgres actually stores (pg_policy's expression trees, not the migrations' text):
// - a policy names its roles (`to authenticated`), never the implicit `public`;
// - a helper whose arguments do not depend on the row is wrapped in `(select …)`, so Postgres runs it
//   once per statement as an init-plan instead of once per row;
// - a helper that must run per row (its arguments are the row's columns) keeps its plan for the
//   connection (PL/pgSQL) or can be inlined (SQL, not SECURITY DEFINER): a SQL-language SECURITY
//   DEFINER function is parsed and planned again in every statement that calls it;
// - membership in the row's school is asked once per statement (`tenant_id = any ((select
//   private.my_school_ids_as(roles))::uuid[])`), not with private.is_member / has_role per row;
// - a column the policy hands to a helper or compares with the caller has an index that starts with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDb } from '../support/fixtures.ts'

const sql = testDb(1)
afterAll(() => sql.end())

type Node = { type: string; fields: Record<string, Value> }
type Value = Node | Value[] | string | null

/** Parses PostgreSQL's node-tree text (`pg_node_tree`): `{TYPE :field value …}`, `(…)` lists, `[…]` bytes, `<>`. */
function parseNodeTree(text: string): Value {
  const tokens = text.match(/\\.|[{}()]|[^\s{}()\\]+(?:\\.[^\s{}()\\]*)*/g) ?? []
  let i = 0
  const value = (): Value => {
    const token = tokens[i++]
    if (token === '{') {
      const node: Node = { type: tokens[i++], fields: {} }
      while (tokens[i] !== '}') {
        const key = tokens[i++].slice(1)
        node.fields[key] = tokens[i]?.startsWith(':') || tokens[i] === '}' ? null : value()
      }
      i++
      return node
    }
    if (token === '(') {
      const list: Value[] = []
      while (tokens[i] !== ')') list.push(value())
      i++
      return list
    }
    if (token === '[') {
      const bytes: string[] = []
      while (tokens[i] !== ']') bytes.push(tokens[i++])
      i++
      return bytes.join(' ')
    }
    return token === '<>' ? null : token
  }
  return value()
}

const isNode = (v: Value): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The row's columns (attribute numbers) an expression reads, outside subqueries. */
function rowColumns(v: Value, found = new Set<number>()): Set<number> {
  if (Array.isArray(v)) for (const item of v) rowColumns(item, found)
  else if (isNode(v)) {
    if (v.type === 'VAR' && v.fields.varlevelsup === '0') found.add(Number(v.fields.varattno))
    else if (v.type !== 'SUBLINK') for (const f of Object.values(v.fields)) rowColumns(f, found)
  }
  return found
}

type Call = { funcid: string; columns: Set<number> }

/** Function calls evaluated with the row (not inside a `(select …)`), with the columns they read. */
function calls(v: Value, found: Call[] = []): Call[] {
  if (Array.isArray(v)) for (const item of v) calls(item, found)
  else if (isNode(v) && v.type !== 'SUBLINK') {
    if (v.type === 'FUNCEXPR')
      found.push({ funcid: String(v.fields.funcid), columns: rowColumns(v.fields.args) })
    for (const f of Object.values(v.fields)) calls(f, found)
  }
  return found
}

/** True when the expression is, or wraps (a cast), a `(select …)`. */
function hasSublink(v: Value): boolean {
  if (Array.isArray(v)) return v.some(hasSublink)
  return isNode(v) && (v.type === 'SUBLINK' || Object.values(v.fields).some(hasSublink))
}

/**
 * Columns compared with a `(select …)` (e.g. `user_id = (select auth.uid())`, or
 * `tenant_id = any ((select private.my_school_ids())::uuid[])`).
 */
function comparedColumns(v: Value, found = new Set<number>()): Set<number> {
  if (Array.isArray(v)) for (const item of v) comparedColumns(item, found)
  else if (isNode(v) && v.type !== 'SUBLINK') {
    const args = v.fields.args
    const compares = v.type === 'OPEXPR' || v.type === 'SCALARARRAYOPEXPR'
    if (compares && Array.isArray(args) && args.some((a) => isNode(a) && a.type !== 'VAR' && hasSublink(a)))
      for (const a of args)
        if (isNode(a) && a.type === 'VAR' && a.fields.varlevelsup === '0')
          found.add(Number(a.fields.varattno))
    for (const f of Object.values(v.fields)) comparedColumns(f, found)
  }
  return found
}

interface Policy {
  table: string
  name: string
  roles: string[]
  trees: Value[]
  /** Attribute number → column name. */
  columns: Map<number, string>
  /** Leading columns of the table's indexes. */
  indexed: Set<number>
}

interface Fn {
  name: string
  language: string
  volatility: string
  definer: boolean
}

let policies: Policy[] = []
let functions = new Map<string, Fn>()

beforeAll(async () => {
  const rows = await sql<
    {
      table: string
      name: string
      roles: string[]
      qual: string | null
      check: string | null
      cols: string[]
      indexed: number[]
    }[]
  >`
    select n.nspname || '.' || c.relname as table, p.polname as name,
           array(select coalesce(r.rolname, 'public') from unnest(p.polroles) as pr(oid)
                 left join pg_roles r on r.oid = pr.oid) as roles,
           p.polqual::text as qual, p.polwithcheck::text as check,
           array(select a.attnum || ':' || a.attname from pg_attribute a
                 where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as cols,
           array(select i.indkey[0]::int from pg_index i where i.indrelid = c.oid) as indexed
    from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace`
  policies = rows.map((r) => ({
    table: r.table,
    name: r.name,
    roles: r.roles,
    trees: [r.qual, r.check].filter((t): t is string => t !== null).map(parseNodeTree),
    columns: new Map(r.cols.map((c) => [Number(c.split(':')[0]), c.slice(c.indexOf(':') + 1)])),
    indexed: new Set(r.indexed),
  }))
  const fns = await sql<(Fn & { oid: string })[]>`
    select p.oid::text as oid, n.nspname || '.' || p.proname as name, l.lanname as language,
           p.provolatile as volatility, p.prosecdef as definer
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang`
  functions = new Map(fns.map((f) => [f.oid, f]))
})

/** Every call of a non-immutable function in a policy, with the policy and the function. */
function helperCalls() {
  return policies.flatMap((p) =>
    p.trees
      .flatMap((t) => calls(t))
      .flatMap((c) => {
        const fn = functions.get(c.funcid)
        return fn && fn.volatility !== 'i' && !fn.name.startsWith('pg_catalog.')
          ? [{ policy: p, fn, columns: c.columns }]
          : []
      }),
  )
}

describe('policies follow the RLS performance guidance', () => {
  it('reads the policies of every schema', () => {
    expect(policies.length).toBeGreaterThan(400)
    expect(helperCalls().length).toBeGreaterThan(200)
  })

  it('names the roles of every policy (to authenticated), never the implicit public', () => {
    const open = policies.filter((p) => p.roles.includes('public')).map((p) => `${p.table}: ${p.name}`)
    expect(open).toEqual([])
  })

  it('wraps every helper that does not depend on the row in (select …), an init-plan', () => {
    const perRow = helperCalls()
      .filter((c) => c.columns.size === 0)
      .map((c) => `${c.policy.table}: ${c.policy.name} calls ${c.fn.name}() per row`)
    expect(perRow).toEqual([])
  })

  it('calls per row only helpers that keep their plan (PL/pgSQL) or inline (SQL without SECURITY DEFINER)', () => {
    const replanned = helperCalls()
      .filter((c) => c.columns.size > 0 && c.fn.language === 'sql' && c.fn.definer)
      .map((c) => `${c.policy.table}: ${c.policy.name} calls ${c.fn.name}, a SQL SECURITY DEFINER function`)
    expect([...new Set(replanned)]).toEqual([])
  })

  it("asks for the caller's schools once per statement (my_school_ids_as), never per row", () => {
    const perRowSchool = ['private.is_member', 'private.has_role', 'private.is_support_staff']
    const perRow = helperCalls()
      .filter((c) => c.columns.size > 0 && perRowSchool.includes(c.fn.name))
      .map((c) => `${c.policy.table}: ${c.policy.name} calls ${c.fn.name} per row`)
    expect([...new Set(perRow)]).toEqual([])
  })

  it('has an index starting with every column a policy hands to a helper or compares with the caller', () => {
    const used = new Map<Policy, Set<number>>(
      policies.map((p) => [p, new Set(p.trees.flatMap((t) => [...comparedColumns(t)]))]),
    )
    for (const c of helperCalls()) for (const col of c.columns) used.get(c.policy)?.add(col)
    const missing = new Set<string>()
    for (const [p, cols] of used)
      for (const col of cols) if (!p.indexed.has(col)) missing.add(`${p.table}.${p.columns.get(col)}`)
    expect([...used.values()].reduce((n, cols) => n + cols.size, 0)).toBeGreaterThan(250)
    expect([...missing].sort()).toEqual([])
  })

  it('is caught by this test: a policy calling auth.uid() per row fails the init-plan check', () => {
    const tree = parseNodeTree(
      '{OPEXPR :opno 2972 :args ({VAR :varno 1 :varattno 2 :varlevelsup 0} {FUNCEXPR :funcid 1 :args <>})}',
    )
    expect(calls(tree)).toEqual([{ funcid: '1', columns: new Set() }])
    expect(comparedColumns(tree)).toEqual(new Set())
    const wrapped = parseNodeTree(
      '{OPEXPR :opno 2972 :args ({VAR :varno 1 :varattno 2 :varlevelsup 0} {SUBLINK :subselect {QUERY :x {FUNCEXPR :funcid 1 :args <>}}})}',
    )
    expect(calls(wrapped)).toEqual([])
    expect(comparedColumns(wrapped)).toEqual(new Set([2]))
  })
})
