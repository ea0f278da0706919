import { A } from '@solidjs/router'
import Bot from 'lucide-solid/icons/bot'
import Headset from 'lucide-solid/icons/headset'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import PenLine from 'lucide-solid/icons/pen-line'
import ShieldCheck from 'lucide-solid/icons/shield-check'
import Smartphone from 'lucide-solid/icons/smartphone'
import Users from 'lucide-solid/icons/users'
import Video from 'lucide-solid/icons/video'
import { For, type JSX, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

type Key = keyof typeof messages.en
type Card = { icon: (p: { size: number }) => JSX.Element; title: Key; text: Key }

const FEATURES: Card[] = [
  { icon: PenLine, title: 'feature.coauthor.title', text: 'feature.coauthor.text' },
  { icon: Video, title: 'feature.video.title', text: 'feature.video.text' },
  { icon: Bot, title: 'feature.aiTutor.title', text: 'feature.aiTutor.text' },
  { icon: Headset, title: 'feature.support.title', text: 'feature.support.text' },
]

const EXTRAS: Card[] = [
  { icon: Smartphone, title: 'extra.data.title', text: 'extra.data.text' },
  { icon: Users, title: 'extra.roles.title', text: 'extra.roles.text' },
  { icon: ShieldCheck, title: 'extra.private.title', text: 'extra.private.text' },
  { icon: LifeBuoy, title: 'extra.schools.title', text: 'extra.schools.text' },
]

const STEPS: [Key, Key][] = [
  ['step.create.title', 'step.create.text'],
  ['step.invite.title', 'step.invite.text'],
  ['step.teach.title', 'step.teach.text'],
]

/** The mock lesson's equation (chemistry reads the same in every language). */
const EQUATION = '6CO₂ + 6H₂O → C₆H₁₂O₆ + 6O₂'

/** The two co-authors shown in the mock (people's names stay as they are in every language). */
const AUTHORS = { grace: { name: 'Grace', initials: 'GN' }, david: { name: 'David', initials: 'DK' } }

/** The product mock in the hero: a lesson being co-written, with presence cursors. */
function LessonPreview() {
  return (
    <div class="relative" aria-hidden="true">
      <div class="absolute -inset-4 rounded-3xl bg-gradient-to-tr from-brand-500/20 via-accent-400/10 to-transparent blur-2xl" />
      <div class="card relative overflow-hidden shadow-xl">
        <div class="flex items-center gap-2 border-b border-line bg-subtle/60 px-4 py-2.5">
          <span class="size-2.5 rounded-full bg-rose-400" />
          <span class="size-2.5 rounded-full bg-amber-400" />
          <span class="size-2.5 rounded-full bg-emerald-400" />
          <span class="ml-3 truncate text-xs text-muted">{t('preview.course')}</span>
          <span class="ml-auto flex -space-x-2">
            <span class="grid size-6 place-items-center rounded-full border-2 border-surface bg-sky-700 text-[10px] font-bold text-white">
              {AUTHORS.grace.initials}
            </span>
            <span class="grid size-6 place-items-center rounded-full border-2 border-surface bg-violet-700 text-[10px] font-bold text-white">
              {AUTHORS.david.initials}
            </span>
          </span>
        </div>
        <div class="space-y-3 p-5 text-sm">
          <p class="text-lg font-semibold">{t('preview.heading')}</p>
          <p class="text-muted">
            {t('preview.before')}{' '}
            <mark class="rounded bg-sky-500/20 px-0.5 text-fg">{t('preview.term')}</mark>
            <span class="relative inline-block h-4 w-0.5 translate-y-0.5 bg-sky-700">
              <span class="absolute -top-5 left-0 rounded bg-sky-700 px-1.5 py-0.5 text-[10px] font-semibold whitespace-nowrap text-white">
                {AUTHORS.grace.name}
              </span>
            </span>{' '}
            {t('preview.after')}
          </p>
          <div class="rounded-lg border border-line bg-subtle/50 p-3">
            <p class="text-xs font-semibold text-muted uppercase">{t('preview.equation')}</p>
            <p class="mt-1 font-mono text-xs">{EQUATION}</p>
          </div>
          <p class="text-muted">
            {t('preview.tryIt')}
            <span class="relative inline-block h-4 w-0.5 translate-y-0.5 bg-violet-700">
              <span class="absolute -top-5 left-0 rounded bg-violet-700 px-1.5 py-0.5 text-[10px] font-semibold whitespace-nowrap text-white">
                {AUTHORS.david.name}
              </span>
            </span>
          </p>
        </div>
        <div class="flex items-center gap-3 border-t border-line bg-subtle/40 px-5 py-3">
          <Bot size={16} />
          <p class="truncate text-xs text-muted">{t('preview.tutor')}</p>
        </div>
      </div>
    </div>
  )
}

/** / — what Kipindi is, for a school deciding whether to start. */
export default function Landing() {
  const { session } = useApp()
  usePageTitle(() => undefined)
  return (
    <div>
      <section class="relative overflow-hidden">
        <div class="mx-auto grid max-w-6xl grid-cols-1 items-center gap-12 px-4 py-14 sm:px-6 sm:py-20 lg:grid-cols-2">
          <div>
            <p class="inline-flex items-center gap-2 rounded-full border border-line bg-surface px-3 py-1 text-xs font-medium text-muted">
              <span class="size-1.5 rounded-full bg-accent-500" />
              {t('hero.badge')}
            </p>
            <h1 class="mt-5 text-4xl font-extrabold tracking-tight text-balance sm:text-5xl">
              {t('hero.titleStart')} <span class="text-primary">{t('hero.titleLive')}</span>.
            </h1>
            <p class="mt-5 max-w-xl text-lg text-muted">{t('hero.text')}</p>
            <div class="mt-8 flex flex-col gap-3 sm:flex-row">
              <Show
                when={session.user()}
                fallback={
                  <A href="/signup" class="btn-primary h-12 px-6 text-base">
                    {t('hero.createSchool')}
                  </A>
                }
              >
                <A href="/app" class="btn-primary h-12 px-6 text-base">
                  {t('hero.dashboard')}
                </A>
              </Show>
              <a href="#features" class="btn-secondary h-12 px-6 text-base">
                {t('hero.explore')}
              </a>
            </div>
            <p class="mt-4 text-sm text-muted">{t('hero.promises')}</p>
          </div>
          <LessonPreview />
        </div>
      </section>

      <section id="features" class="scroll-mt-20 border-y border-line bg-surface">
        <div class="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 class="text-center text-3xl font-bold tracking-tight">{t('features.title')}</h2>
          <p class="mx-auto mt-3 max-w-2xl text-center text-muted">{t('features.text')}</p>
          <div class="mt-12 grid gap-6 sm:grid-cols-2">
            <For each={FEATURES}>
              {(f) => (
                <div class="rounded-2xl border border-line bg-canvas p-6">
                  <span class="inline-grid size-11 place-items-center rounded-xl bg-primary text-on-primary">
                    <f.icon size={22} />
                  </span>
                  <h3 class="mt-4 text-lg font-semibold">{t(f.title)}</h3>
                  <p class="mt-2 text-muted">{t(f.text)}</p>
                </div>
              )}
            </For>
          </div>
          <div class="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            <For each={EXTRAS}>
              {(f) => (
                <div>
                  <f.icon size={20} />
                  <h3 class="mt-2 font-semibold">{t(f.title)}</h3>
                  <p class="mt-1 text-sm text-muted">{t(f.text)}</p>
                </div>
              )}
            </For>
          </div>
        </div>
      </section>

      <section class="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 class="text-center text-3xl font-bold tracking-tight">{t('steps.title')}</h2>
        <ol class="mt-10 grid gap-6 md:grid-cols-3">
          <For each={STEPS}>
            {([title, text], i) => (
              <li class="card p-6">
                <span class="grid size-9 place-items-center rounded-full bg-accent-400/25 font-bold text-[#8a5300] dark:text-accent-400">
                  {i() + 1}
                </span>
                <h3 class="mt-4 font-semibold">{t(title)}</h3>
                <p class="mt-1 text-muted">{t(text)}</p>
              </li>
            )}
          </For>
        </ol>
      </section>

      <section class="px-4 pb-16 sm:px-6">
        <div class="mx-auto max-w-6xl overflow-hidden rounded-3xl bg-gradient-to-br from-brand-700 to-brand-900 px-6 py-12 text-center text-white sm:px-12">
          <h2 class="text-2xl font-bold tracking-tight sm:text-3xl">{t('cta.title')}</h2>
          <p class="mx-auto mt-3 max-w-xl text-white/80">{t('cta.text')}</p>
          <A
            href={session.user() ? '/app/new-school' : '/signup'}
            class="btn mt-8 h-12 bg-white px-6 text-base text-brand-800 hover:bg-brand-50"
          >
            {t('cta.start')}
          </A>
        </div>
      </section>
    </div>
  )
}
