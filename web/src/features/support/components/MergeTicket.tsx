import { useNavigate } from '@solidjs/router'
import GitMerge from 'lucide-solid/icons/git-merge'
import { createSignal, Show } from 'solid-js'
import type { Ticket, TicketDetail } from '../../../../../edge/contract/support.ts'
import { errorMessage } from '../../../api/errors.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { SelectField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { listTickets, mergeTicket } from '../api.ts'
import { STATUS_LABELS } from '../support-context.ts'

/** "Merge into another ticket…": closes this one as a duplicate of another of the same requester. */
export function MergeTicket(props: { ticket: TicketDetail }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [open, setOpen] = createSignal(false)
  const [into, setInto] = createSignal('')
  const [error, setError] = createSignal<string>()
  const [candidates, setCandidates] = createSignal<Ticket[]>()

  async function openDialog() {
    setInto('')
    setError()
    setCandidates(undefined)
    setOpen(true)
    try {
      const list = await listTickets(tenant().id, { status: 'open,pending,resolved', limit: 200 })
      setCandidates(
        list.filter(
          (x) => x.id !== props.ticket.id && x.requester_id === props.ticket.requester_id && !x.merged_into,
        ),
      )
    } catch (e) {
      setCandidates([])
      setError(errorMessage(e))
    }
  }

  async function submit() {
    if (candidates()?.length === 0)
      throw new Error('There is no other open ticket of this requester to merge into.')
    if (!into()) {
      setError('Choose the ticket to merge into.')
      return false
    }
    await mergeTicket(props.ticket.id, into())
    toast.success('Tickets merged')
    navigate(`/t/${tenant().slug}/support/${into()}`)
  }

  return (
    <>
      <Button variant="secondary" class="w-full" onClick={openDialog}>
        <GitMerge size={16} aria-hidden="true" />
        Merge into another ticket…
      </Button>
      <FormDialog
        open={open()}
        onOpenChange={setOpen}
        title={`Merge #${props.ticket.number}`}
        description={`This ticket is closed as a duplicate; its requester, ${props.ticket.requester_name ?? 'the requester'}, keeps talking in the other one.`}
        submitLabel="Merge"
        onSubmit={submit}
      >
        <Show when={candidates()} fallback={<Skeleton class="h-16 w-full" />}>
          {(list) => (
            <Show
              when={list().length > 0}
              fallback={
                <p class="text-sm text-muted">
                  {error() ??
                    `${props.ticket.requester_name ?? 'This requester'} has no other open ticket to merge into.`}
                </p>
              }
            >
              <SelectField
                label="Merge into"
                value={into()}
                onValue={(v) => {
                  setInto(v)
                  setError()
                }}
                error={error()}
                options={[
                  { value: '', label: 'Choose a ticket…' },
                  ...list().map((x) => ({
                    value: x.id,
                    label: `#${x.number} · ${x.subject} (${STATUS_LABELS[x.status]})`,
                  })),
                ]}
              />
            </Show>
          )}
        </Show>
      </FormDialog>
    </>
  )
}
