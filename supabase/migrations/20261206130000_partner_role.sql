-- Sponsors (issue 15), part 1 of 2: the role `partner`, a partner organisation's account in a
-- school. Alone in this file because PostgreSQL cannot use an enum value in the transaction that
-- adds it (scripts/lib/migrate.ts applies each file in one transaction, as the Supabase CLI does);
-- 20261206130100_sponsorships.sql gives the role its rules.
--
-- The enum runs from most to least privileged (public.accept_invitation never demotes by it):
-- a partner is the least privileged member, after parent. edge/contract/roles.ts TENANT_ROLES
-- lists the roles in the same order (test/integration/role-groups.test.ts keeps them equal).

alter type public.tenant_role add value if not exists 'partner' after 'parent';
comment on type public.tenant_role is 'A member''s role in a tenant, from most to least privileged: owner, admin, instructor, staff, student, parent, partner (a sponsoring organisation).';
