-- Payments (issue 15): an account's balance is brought up to date at commit, not at each entry.
--
-- Every sale of a school credits the same few accounts (gateway clearing, platform, marketing, the
-- instructor's pending wallet). Updated at each insert, their rows stayed locked from the first
-- entry until the webhook's COMMIT came back over the network, so concurrent deliveries queued on
-- them (npm run bench -- payments: ack p99 16.7 s at 200 events/s). Deferred to commit, each row is
-- locked only while the transaction commits. Nothing reads balance_minor after posting in the same
-- transaction (approve_payout and request_payout read the balance before they post; release_pending
-- and post_refund read entries), so every reader still sees a balance equal to the sum of its entries.
drop trigger ledger_entries_balance on public.ledger_entries;
create constraint trigger ledger_entries_balance after insert on public.ledger_entries
  deferrable initially deferred for each row execute function private.ledger_apply_balance();
