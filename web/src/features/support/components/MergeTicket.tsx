import { useNavigate } from '@solidjs/router'
import GitMerge from 'lucide-solid/icons/git-merge'
import { createSignal, Show } from 'solid-js'
import type { Ticket, TicketDetail } from '../../../../../edge/contract/support.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { SelectField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { listTickets, mergeTicket } from '../api.ts'
import { messages } from '../messages.ts'
import { statusLabel } from '../support-context.ts'

const t = translator(messages)

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
    if (candidates()?.length === 0) throw new Error(t('merge.noCandidates'))
    if (!into()) {
      setError(t('merge.choose'))
      return false
    }
    await mergeTicket(props.ticket.id, into())
    toast.success(t('merge.done'))
    navigate(`/t/${tenant().slug}/support/${into()}`)
  }

  return (
    <>
      <Button variant="secondary" class="w-full" onClick={openDialog}>
        <GitMerge size={16} aria-hidden="true" />
        {t('merge.button')}
      </Button>
      <FormDialog
        open={open()}
        onOpenChange={setOpen}
        title={t('merge.title', { number: String(props.ticket.number) })}
        description={t('merge.description', { name: props.ticket.requester_name ?? t('merge.theRequester') })}
        submitLabel={t('merge.submit')}
        onSubmit={submit}
      >
        <Show when={candidates()} fallback={<Skeleton class="h-16 w-full" />}>
          {(list) => (
            <Show
              when={list().length > 0}
              fallback={
                <p class="text-sm text-muted">
                  {error() ??
                    t('merge.noneFor', { name: props.ticket.requester_name ?? t('merge.thisRequester') })}
                </p>
              }
            >
              <SelectField
                label={t('merge.into')}
                value={into()}
                onValue={(v) => {
                  setInto(v)
                  setError()
                }}
                error={error()}
                options={[
                  { value: '', label: t('merge.placeholder') },
                  ...list().map((x) => ({
                    value: x.id,
                    label: `#${x.number} · ${x.subject} (${statusLabel(x.status)})`,
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
