import { A } from '@solidjs/router'
import { For, Match, Show, Switch } from 'solid-js'
import type { Citation } from '../../../../../edge/contract/ai.ts'
import { segments } from '../citations.ts'

function Line(props: { text: string; citations: Citation[]; slug: string }) {
  return (
    <For each={segments(props.text, props.citations, props.slug)}>
      {(s) => (
        <Switch fallback={s.text}>
          <Match when={s.kind === 'strong'}>
            <strong>{s.text}</strong>
          </Match>
          <Match when={s.kind === 'cite' && s}>
            {(c) => (
              <A
                href={c().href}
                class="link font-medium"
                title={c().label}
                aria-label={`${c().text} ${c().label}`}
              >
                {c().text}
              </A>
            )}
          </Match>
        </Switch>
      )}
    </For>
  )
}

/**
 * An answer's text line by line: `> ` lines (quoted lesson text) set off, `- ` lines as bullets, `**bold**` emphasised,
 * `[n]` linked to its lesson section, blank lines kept as space.
 */
export function AnswerText(props: { text: string; citations: Citation[]; slug: string }) {
  return (
    <div class="break-words">
      <For each={props.text.split('\n')}>
        {(line) => (
          <Show when={line.trim()} fallback={<div class="h-3" aria-hidden="true" />}>
            <Show
              when={line.startsWith('> ') && line.slice(2)}
              fallback={
                <Show
                  when={/^[-*] /.test(line) && line.slice(2)}
                  fallback={
                    <p>
                      <Line text={line} citations={props.citations} slug={props.slug} />
                    </p>
                  }
                >
                  {(item) => (
                    <p class="relative pl-4">
                      <span class="absolute left-0" aria-hidden="true">
                        •
                      </span>
                      <Line text={item()} citations={props.citations} slug={props.slug} />
                    </p>
                  )}
                </Show>
              }
            >
              {(quoted) => (
                <blockquote class="my-1 border-l-2 border-primary/40 pl-3 text-fg/85">
                  <Line text={quoted()} citations={props.citations} slug={props.slug} />
                </blockquote>
              )}
            </Show>
          </Show>
        )}
      </For>
    </div>
  )
}
