import { For, type JSX, Show } from 'solid-js'
import type { MemberProfile } from '../../../../../edge/contract/profiles.ts'
import { initials } from '../../../lib/format.ts'
import { locale, translator } from '../../../lib/i18n/i18n.ts'
import { LOCALE_NAMES } from '../../../lib/i18n/locale.ts'
import { RoleBadge } from '../../../ui/RoleBadge.tsx'
import { AvatarImage } from '../../files/AvatarImage.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

function Part(props: { title: string; children: JSX.Element }) {
  return (
    <section class="space-y-2 border-t border-line pt-4">
      <h2 class="text-sm font-semibold text-muted">{props.title}</h2>
      {props.children}
    </section>
  )
}

const years = (from?: number | null, to?: number | null) =>
  from == null && to == null ? '' : `${from ?? ''}–${to ?? t('card.present')}`

/**
 * A member's card with what the viewer may see: name, picture, role, and for a teacher their tutor
 * card (headline, bio, qualifications, experience); contacts and location where shown to the viewer.
 */
export function ProfileCard(props: { profile: MemberProfile; actions?: JSX.Element }) {
  const p = () => props.profile
  const place = () =>
    [p().city, p().county, p().country && regionName(p().country ?? '')].filter(Boolean).join(', ')
  const contactsShown = () => Boolean(p().phone || p().email || p().contacts.length > 0)
  const nothing = () =>
    !contactsShown() &&
    !place() &&
    !p().bio &&
    !p().headline &&
    !p().time_zone &&
    !p().language &&
    p().qualifications.length === 0 &&
    p().experience.length === 0
  return (
    <article class="card space-y-4 p-5 sm:p-6" aria-labelledby="profile-name" data-testid="profile-card">
      <header class="flex flex-wrap items-center gap-4">
        <AvatarImage
          path={p().avatar_path}
          class="size-16 shrink-0 rounded-full"
          fallback={
            <span
              class="grid size-16 shrink-0 place-items-center rounded-full bg-subtle text-lg font-semibold text-muted"
              aria-hidden="true"
            >
              {initials(p().display_name)}
            </span>
          }
        />
        <div class="min-w-0 space-y-1">
          <h1 id="profile-name" class="text-2xl font-bold tracking-tight">
            {p().display_name}
          </h1>
          <Show when={p().headline}>{(h) => <p class="text-muted">{h()}</p>}</Show>
          <RoleBadge role={p().role} />
        </div>
        <Show when={props.actions}>
          <div class="ml-auto shrink-0">{props.actions}</div>
        </Show>
      </header>
      <Show when={p().access === 'none'}>
        <p class="text-sm text-muted">{t('card.privateStudent')}</p>
      </Show>
      <Show when={p().access !== 'none' && nothing()}>
        <p class="text-sm text-muted">{t('card.nothing', { name: p().display_name })}</p>
      </Show>
      <Show when={p().bio}>
        {(bio) => (
          <Part title={t('card.about')}>
            <p class="whitespace-pre-line">{bio()}</p>
          </Part>
        )}
      </Show>
      <Show when={p().qualifications.length > 0}>
        <Part title={t('card.qualifications')}>
          <ul class="space-y-1" data-testid="profile-qualifications">
            <For each={p().qualifications}>
              {(q) => (
                <li>
                  <span class="font-medium">{q.title}</span>
                  <span class="text-muted">
                    {[q.institution, q.year]
                      .filter(Boolean)
                      .map((v) => ` · ${v}`)
                      .join('')}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Part>
      </Show>
      <Show when={p().experience.length > 0}>
        <Part title={t('card.experience')}>
          <ul class="space-y-2">
            <For each={p().experience}>
              {(e) => (
                <li>
                  <p>
                    <span class="font-medium">{e.role}</span>
                    <Show when={e.organisation}>{(o) => <span> · {o()}</span>}</Show>
                    <span class="text-sm text-muted"> {years(e.start_year, e.end_year)}</span>
                  </p>
                  <Show when={e.description}>{(d) => <p class="text-sm text-muted">{d()}</p>}</Show>
                </li>
              )}
            </For>
          </ul>
        </Part>
      </Show>
      <Show when={contactsShown()}>
        <Part title={t('card.contacts')}>
          <dl
            class="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm"
            data-testid="profile-contacts"
          >
            <Show when={p().phone}>
              {(phone) => (
                <>
                  <dt class="text-muted">{t('card.phone')}</dt>
                  <dd>
                    <a class="link" href={`tel:${phone()}`}>
                      {phone()}
                    </a>
                  </dd>
                </>
              )}
            </Show>
            <Show when={p().email}>
              {(email) => (
                <>
                  <dt class="text-muted">{t('card.email')}</dt>
                  <dd class="truncate">{email()}</dd>
                </>
              )}
            </Show>
            <For each={p().contacts}>
              {(c) => (
                <>
                  <dt class="text-muted">{t(`kind.${c.kind}`)}</dt>
                  <dd class="truncate">{c.value}</dd>
                </>
              )}
            </For>
          </dl>
        </Part>
      </Show>
      <Show when={place() || p().time_zone || p().language}>
        <Part title={t('card.placeTitle')}>
          <dl class="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
            <Show when={place()}>
              <dt class="text-muted">{t('card.location')}</dt>
              <dd>{place()}</dd>
            </Show>
            <Show when={p().time_zone}>
              <dt class="text-muted">{t('card.timeZone')}</dt>
              <dd>{p().time_zone}</dd>
            </Show>
            <Show when={p().language}>
              {(lang) => (
                <>
                  <dt class="text-muted">{t('card.language')}</dt>
                  <dd>{LOCALE_NAMES[lang()]}</dd>
                </>
              )}
            </Show>
          </dl>
        </Part>
      </Show>
      <Show when={p().access === 'all'}>
        <p class="text-xs text-muted">{t('card.staffView')}</p>
      </Show>
    </article>
  )
}

function regionName(code: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}
