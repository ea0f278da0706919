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
import { useApp } from '../../shell/state/AppContext.tsx'
import { usePageTitle } from '../../ui/Page.tsx'

const FEATURES: { icon: (p: { size: number }) => JSX.Element; title: string; text: string }[] = [
  {
    icon: PenLine,
    title: 'Co-author lessons live',
    text: 'Instructors write lessons together in real time, see each other’s cursors, and publish a version when it is ready.',
  },
  {
    icon: Video,
    title: 'Video tutoring',
    text: 'Students book a slot from a tutor’s schedule and meet face to face in a video room, right in the browser.',
  },
  {
    icon: Bot,
    title: 'An AI tutor that knows your lessons',
    text: 'Students ask questions at any hour; answers are grounded in the course’s own published lessons, not the whole internet.',
  },
  {
    icon: Headset,
    title: 'A support desk for your school',
    text: 'Staff answer parents and students in live chat, with tickets, assignment and escalation when replies run late.',
  },
]

const EXTRAS: { icon: (p: { size: number }) => JSX.Element; title: string; text: string }[] = [
  {
    icon: Smartphone,
    title: 'Light on data',
    text: 'Small pages that load fast on a phone over mobile data.',
  },
  {
    icon: Users,
    title: 'A role for everyone',
    text: 'Owners, admins, instructors, staff, students and parents each see what they need.',
  },
  {
    icon: ShieldCheck,
    title: 'Private by design',
    text: 'Every school’s data is walled off in the database itself, not just in the app.',
  },
  {
    icon: LifeBuoy,
    title: 'Many schools, one account',
    text: 'Teach at two schools? Switch between them from one sign-in.',
  },
]

const STEPS = [
  ['Create your school', 'Pick a name and an address. You become its owner.'],
  ['Invite your people', 'Send invitations by email to instructors, staff, students and parents.'],
  ['Start teaching', 'Write lessons together, meet students, and answer questions live.'],
]

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
          <span class="ml-3 truncate text-xs text-muted">Form 2 Biology · Photosynthesis</span>
          <span class="ml-auto flex -space-x-2">
            <span class="grid size-6 place-items-center rounded-full border-2 border-surface bg-sky-500 text-[10px] font-bold text-white">
              GN
            </span>
            <span class="grid size-6 place-items-center rounded-full border-2 border-surface bg-violet-500 text-[10px] font-bold text-white">
              DK
            </span>
          </span>
        </div>
        <div class="space-y-3 p-5 text-sm">
          <p class="text-lg font-semibold">How plants make food</p>
          <p class="text-muted">
            Leaves capture light energy with{' '}
            <mark class="rounded bg-sky-500/20 px-0.5 text-fg">chlorophyll</mark>
            <span class="relative inline-block h-4 w-0.5 translate-y-0.5 bg-sky-500">
              <span class="absolute -top-5 left-0 rounded bg-sky-500 px-1.5 py-0.5 text-[10px] font-semibold whitespace-nowrap text-white">
                Grace
              </span>
            </span>{' '}
            and turn water and carbon dioxide into glucose.
          </p>
          <div class="rounded-lg border border-line bg-subtle/50 p-3">
            <p class="text-xs font-semibold text-muted uppercase">Key equation</p>
            <p class="mt-1 font-mono text-xs">6CO₂ + 6H₂O → C₆H₁₂O₆ + 6O₂</p>
          </div>
          <p class="text-muted">
            Try it: cover a leaf with foil for two days, then test it for starch
            <span class="relative inline-block h-4 w-0.5 translate-y-0.5 bg-violet-500">
              <span class="absolute -top-5 left-0 rounded bg-violet-500 px-1.5 py-0.5 text-[10px] font-semibold whitespace-nowrap text-white">
                David
              </span>
            </span>
          </p>
        </div>
        <div class="flex items-center gap-3 border-t border-line bg-subtle/40 px-5 py-3">
          <Bot size={16} />
          <p class="truncate text-xs text-muted">
            AI tutor: “Why do leaves need light?” — answered from this lesson
          </p>
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
              For schools in Kenya and beyond
            </p>
            <h1 class="mt-5 text-4xl font-extrabold tracking-tight text-balance sm:text-5xl">
              Every lesson, <span class="text-primary">live</span>.
            </h1>
            <p class="mt-5 max-w-xl text-lg text-muted">
              Kipindi brings lesson co-authoring, video tutoring, an AI tutor and a support desk into one
              place for your instructors, students and parents.
            </p>
            <div class="mt-8 flex flex-col gap-3 sm:flex-row">
              <Show
                when={session.user()}
                fallback={
                  <A href="/signup" class="btn-primary h-12 px-6 text-base">
                    Create your school
                  </A>
                }
              >
                <A href="/app" class="btn-primary h-12 px-6 text-base">
                  Go to your dashboard
                </A>
              </Show>
              <a href="#features" class="btn-secondary h-12 px-6 text-base">
                Explore features
              </a>
            </div>
            <p class="mt-4 text-sm text-muted">Free to start · Works on any phone browser · No installs</p>
          </div>
          <LessonPreview />
        </div>
      </section>

      <section id="features" class="scroll-mt-20 border-y border-line bg-surface">
        <div class="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 class="text-center text-3xl font-bold tracking-tight">One platform for the whole school day</h2>
          <p class="mx-auto mt-3 max-w-2xl text-center text-muted">
            Kipindi means “lesson period” in Swahili. Everything that happens around a lesson lives here.
          </p>
          <div class="mt-12 grid gap-6 sm:grid-cols-2">
            <For each={FEATURES}>
              {(f) => (
                <div class="rounded-2xl border border-line bg-canvas p-6">
                  <span class="inline-grid size-11 place-items-center rounded-xl bg-primary text-on-primary">
                    <f.icon size={22} />
                  </span>
                  <h3 class="mt-4 text-lg font-semibold">{f.title}</h3>
                  <p class="mt-2 text-muted">{f.text}</p>
                </div>
              )}
            </For>
          </div>
          <div class="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            <For each={EXTRAS}>
              {(f) => (
                <div>
                  <f.icon size={20} />
                  <h3 class="mt-2 font-semibold">{f.title}</h3>
                  <p class="mt-1 text-sm text-muted">{f.text}</p>
                </div>
              )}
            </For>
          </div>
        </div>
      </section>

      <section class="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 class="text-center text-3xl font-bold tracking-tight">Up and running this afternoon</h2>
        <ol class="mt-10 grid gap-6 md:grid-cols-3">
          <For each={STEPS}>
            {([title, text], i) => (
              <li class="card p-6">
                <span class="grid size-9 place-items-center rounded-full bg-accent-400/25 font-bold text-[#8a5300] dark:text-accent-400">
                  {i() + 1}
                </span>
                <h3 class="mt-4 font-semibold">{title}</h3>
                <p class="mt-1 text-muted">{text}</p>
              </li>
            )}
          </For>
        </ol>
      </section>

      <section class="px-4 pb-16 sm:px-6">
        <div class="mx-auto max-w-6xl overflow-hidden rounded-3xl bg-gradient-to-br from-brand-700 to-brand-900 px-6 py-12 text-center text-white sm:px-12">
          <h2 class="text-2xl font-bold tracking-tight sm:text-3xl">Bring your school to Kipindi</h2>
          <p class="mx-auto mt-3 max-w-xl text-white/80">
            Set it up in two minutes, invite your first instructor, and teach your next lesson live.
          </p>
          <A
            href={session.user() ? '/app/new-school' : '/signup'}
            class="btn mt-8 h-12 bg-white px-6 text-base text-brand-800 hover:bg-brand-50"
          >
            Start now — it’s free
          </A>
        </div>
      </section>
    </div>
  )
}
