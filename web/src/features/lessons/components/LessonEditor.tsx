import './editor.css'
import { Editor } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import Image from '@tiptap/extension-image'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import type { LessonSession, LessonUser } from '../lesson-session.ts'
import { messages } from '../messages.ts'
import { normaliseUrl } from '../prose.ts'
import { Toolbar } from './Toolbar.tsx'

const t = translator(messages)

/** An address is written the same in every language. */
const URL_PLACEHOLDER = 'https://'

/**
 * The lesson body: Tiptap bound to the session's Y.Doc (field "content") with other people's
 * carets. Created on mount and destroyed on cleanup; read-only people get a non-editable editor
 * (the server drops their updates anyway).
 */
export function LessonEditor(props: {
  session: LessonSession
  user: LessonUser
  editable: boolean
  label: string
}) {
  let host: HTMLDivElement | undefined
  const [editor, setEditor] = createSignal<Editor>()
  const [version, setVersion] = createSignal(0)
  const [linkOpen, setLinkOpen] = createSignal(false)
  const [imageOpen, setImageOpen] = createSignal(false)
  const canEdit = () => props.editable && props.session.ended() === undefined
  let editableNow = canEdit()

  // Tiptap takes a plain object here (a function would be dropped); it is replaced when editability changes.
  const attributes = (editable: boolean): Record<string, string> => ({
    id: 'lesson-content',
    class: 'prose-lesson px-4 py-5 sm:px-8 sm:py-8',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': props.label,
    'aria-readonly': editable ? 'false' : 'true',
  })

  onMount(() => {
    const ed = new Editor({
      element: host ?? null,
      editable: editableNow,
      injectCSS: false,
      extensions: [
        // Collaboration brings its own undo (per person, through Yjs): the kit's history is off.
        StarterKit.configure({
          undoRedo: false,
          heading: { levels: [1, 2, 3] },
          link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
        }),
        Image.configure({ allowBase64: false }),
        TableKit.configure({ table: { resizable: false } }),
        Collaboration.configure({ document: props.session.doc, field: 'content' }),
        CollaborationCaret.configure({
          provider: props.session.provider,
          user: { ...props.user },
        }),
      ],
      editorProps: {
        attributes: attributes(editableNow),
        handleKeyDown: (_view, event) => {
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k' && editableNow) {
            event.preventDefault()
            setLinkOpen(true)
            return true
          }
          return false
        },
      },
      onTransaction: () => setVersion((v) => v + 1),
    })
    setEditor(ed)
    onCleanup(() => ed.destroy())
  })

  createEffect(() => {
    const ed = editor()
    editableNow = canEdit()
    if (!ed || ed.isEditable === editableNow) return
    ed.setOptions({ editorProps: { ...ed.options.editorProps, attributes: attributes(editableNow) } })
    ed.setEditable(editableNow)
  })

  // The label follows a language switch (the attributes are a plain object, set again here).
  createEffect(
    on(
      () => props.label,
      () => {
        const ed = editor()
        if (ed)
          ed.setOptions({ editorProps: { ...ed.options.editorProps, attributes: attributes(editableNow) } })
      },
      { defer: true },
    ),
  )

  const empty = () => {
    version()
    return editor()?.isEmpty ?? false
  }

  return (
    <div class="card overflow-clip">
      <Show when={canEdit() && editor()}>
        {(ed) => (
          // Sticks under the site header (h-16 + its border) while the lesson scrolls.
          <div class="sticky top-[65px] z-10">
            <Toolbar
              editor={ed()}
              version={version}
              onLink={() => setLinkOpen(true)}
              onImage={() => setImageOpen(true)}
            />
          </div>
        )}
      </Show>
      <div class="relative">
        <Show when={empty() && props.session.localReady()}>
          <p
            class="pointer-events-none absolute top-5 left-4 text-lg text-muted/70 sm:top-8 sm:left-8"
            aria-hidden="true"
          >
            {canEdit() ? t('editor.placeholder') : t('editor.emptyDraft')}
          </p>
        </Show>
        <div ref={host} />
      </div>
      <Show when={editor()}>
        {(ed) => (
          <>
            <LinkDialog editor={ed()} open={linkOpen()} onOpenChange={setLinkOpen} />
            <ImageDialog editor={ed()} open={imageOpen()} onOpenChange={setImageOpen} />
          </>
        )}
      </Show>
    </div>
  )
}

function LinkDialog(props: { editor: Editor; open: boolean; onOpenChange: (open: boolean) => void }) {
  const [href, setHref] = createSignal('')
  const [text, setText] = createSignal('')
  const [error, setError] = createSignal<string>()
  const hasSelection = () => !props.editor.state.selection.empty
  const editing = () => props.editor.isActive('link')
  createEffect(() => {
    if (!props.open) return
    setHref((props.editor.getAttributes('link').href as string | undefined) ?? '')
    setText('')
    setError()
  })
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={editing() ? t('link.editTitle') : t('link.addTitle')}
      submitLabel={editing() && !href().trim() ? t('link.remove') : t('link.save')}
      onSubmit={() => {
        const chain = props.editor.chain().focus().extendMarkRange('link')
        if (!href().trim()) {
          chain.unsetLink().run()
          return
        }
        const url = normaliseUrl(href())
        if (!url) {
          setError(t('link.invalid'))
          return false
        }
        if (hasSelection() || editing()) chain.setLink({ href: url }).run()
        else
          chain
            .insertContent({
              type: 'text',
              text: text().trim() || url,
              marks: [{ type: 'link', attrs: { href: url } }],
            })
            .run()
      }}
    >
      <TextField
        label={t('link.address')}
        type="url"
        inputmode="url"
        value={href()}
        onValue={setHref}
        error={error()}
        placeholder={URL_PLACEHOLDER}
        autocapitalize="off"
        spellcheck={false}
        description={editing() ? t('link.emptyToRemove') : undefined}
        autofocus
      />
      <Show when={!hasSelection() && !editing()}>
        <TextField
          label={t('link.text')}
          value={text()}
          onValue={setText}
          placeholder={t('link.textPlaceholder')}
        />
      </Show>
    </FormDialog>
  )
}

function ImageDialog(props: { editor: Editor; open: boolean; onOpenChange: (open: boolean) => void }) {
  const [src, setSrc] = createSignal('')
  const [alt, setAlt] = createSignal('')
  const [error, setError] = createSignal<string>()
  createEffect(() => {
    if (!props.open) return
    setSrc('')
    setAlt('')
    setError()
  })
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('image.title')}
      description={t('image.description')}
      submitLabel={t('image.submit')}
      onSubmit={() => {
        const url = normaliseUrl(src())
        if (!url?.startsWith('https://')) {
          setError(t('image.invalid'))
          return false
        }
        props.editor.chain().focus().setImage({ src: url, alt: alt().trim() }).run()
      }}
    >
      <TextField
        label={t('image.address')}
        type="url"
        inputmode="url"
        value={src()}
        onValue={setSrc}
        error={error()}
        placeholder={t('image.addressPlaceholder')}
        autocapitalize="off"
        spellcheck={false}
        autofocus
      />
      <TextField
        label={t('image.alt')}
        value={alt()}
        onValue={setAlt}
        placeholder={t('image.altPlaceholder')}
      />
    </FormDialog>
  )
}
