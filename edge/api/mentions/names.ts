import type { Tx } from '../../lib/db.ts'

/**
 * The people a row's `mentions` column names, in the order written, with their names now (blank
 * once an account is gone): `select ${mentionedPeople(tx, tx`fp.mentions`)} as mentions`.
 */
export const mentionedPeople = (tx: Tx, column: ReturnType<Tx>) => tx`
  coalesce((select jsonb_agg(jsonb_build_object('id', u.id, 'name', coalesce(mp.display_name, ''))
                             order by u.ord)
            from unnest(${column}) with ordinality as u(id, ord)
            left join public.profiles mp on mp.id = u.id), '[]'::jsonb)`
