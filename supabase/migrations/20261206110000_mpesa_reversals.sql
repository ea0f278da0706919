-- M-Pesa refunds: the receipt of a paid STK push, and the Transaction Reversal results that refund it.
--
-- The MpesaReceiptNumber is what the customer's SMS shows and what Daraja's reversal API names
-- (TransactionID), so it is kept on the payment once Daraja has confirmed the success. A reversal
-- is asked for by the api (startReversal in edge/payments/daraja.ts); its result reaches the
-- mpesa-callback function, which records it here as a refund (private.record_refund), once.
--
--   private.record_mpesa_success(event_id, payment_id, checkout_request_id, amount_minor, receipt) → text
--   private.record_mpesa_reversal(event_id, payment_id, amount_minor, transaction_id, original_transaction_id) → bigint
--
-- Both are called on the function's privileged connection only; nobody writes the receipt through
-- the API (payments' update policy refuses every update), and the select policy already covers it.

-- Section: the receipt

alter table public.payments
  add column provider_receipt text check (provider_receipt ~ '^[A-Za-z0-9]{1,64}$');
comment on column public.payments.provider_receipt is 'The MpesaReceiptNumber of a succeeded M-Pesa payment (the code on the customer''s SMS; the TransactionID a reversal names). Written once, from the callback of a success Daraja confirmed; null for Stripe and until that callback arrives.';
comment on column public.payments.provider_ref is 'The provider''s id of the attempt: Stripe Checkout Session id, or Daraja CheckoutRequestID (the M-Pesa receipt is provider_receipt).';
-- A receipt is one M-Pesa transaction: it can belong to one payment only.
create unique index payments_provider_receipt_idx on public.payments (provider, provider_receipt)
  where provider_receipt is not null;

-- Section: successful STK payments

create function private.record_mpesa_success(
  event_id text, payment_id uuid, checkout_request_id text, amount_minor bigint, receipt text default null
) returns text
language plpgsql security definer set search_path = '' as $$
declare
  outcome text := private.record_payment_success('mpesa', event_id, payment_id, checkout_request_id, amount_minor, 'KES');
begin
  -- The success may already have been applied by the api's stkpushquery check (outcome
  -- 'duplicate'), which has no receipt: the callback's receipt fills it whenever it arrives. Once
  -- only: a different receipt later, or one another payment holds, is not taken.
  if receipt is not null then
    update public.payments p set provider_receipt = receipt
    where p.id = payment_id and p.provider = 'mpesa' and p.provider_receipt is null
      and p.status in ('succeeded', 'partially_refunded', 'refunded')
      and not exists (select 1 from public.payments o where o.provider = 'mpesa' and o.provider_receipt = receipt);
  end if;
  return outcome;
end $$;
comment on function private.record_mpesa_success(text, uuid, text, bigint, text) is 'Applies a Daraja-confirmed STK success (private.record_payment_success in KES) and stores its MpesaReceiptNumber once, if given. Returns the success''s outcome: applied, duplicate or ignored.';

-- Section: reversal results

create function private.record_mpesa_reversal(
  event_id text, payment_id uuid, amount_minor bigint, transaction_id text default null,
  original_transaction_id text default null
) returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
begin
  -- The payment's row first, as private.record_event does, so concurrent results queue.
  select * into p from public.payments x where x.id = payment_id for update;
  -- A reversal is only of a succeeded M-Pesa payment, and of its own receipt when the result names
  -- one: anything else records nothing (not even the event), for a person to look at.
  if not found or p.provider <> 'mpesa' or p.status not in ('succeeded', 'partially_refunded', 'refunded')
     or (original_transaction_id is not null and p.provider_receipt is distinct from original_transaction_id) then
    return null;
  end if;
  return private.record_refund('mpesa', event_id, payment_id, amount_minor, transaction_id, null, 'Reversed in M-Pesa');
end $$;
comment on function private.record_mpesa_reversal(text, uuid, bigint, text, text) is 'Records a successful M-Pesa reversal as a refund once (private.record_refund; refund_ref = the reversal''s TransactionID). Returns the amount applied (0 for a replay or nothing left), null when the payment is not a succeeded M-Pesa payment of that receipt.';

-- Section: grants

revoke all on function private.record_mpesa_success(text, uuid, text, bigint, text),
  private.record_mpesa_reversal(text, uuid, bigint, text, text) from public, anon, authenticated;
grant execute on function private.record_mpesa_success(text, uuid, text, bigint, text),
  private.record_mpesa_reversal(text, uuid, bigint, text, text) to service_role;
