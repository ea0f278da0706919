import './editor.css'
import { type AnyExtension, Editor, Extension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { UploadList } from '../../files/UploadList.tsx'
import { createUploads } from '../../files/uploads.ts'
import type { LessonSession, LessonUser } from '../lesson-session.ts'
import { messages } from '../messages.ts'
import { normaliseUrl } from '../prose.ts'
import { IMAGE_TYPES, imageDropPlugin, imageRules, insertImages, LessonImage } from './lesson-images.ts'
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
  /** Where pictures of this lesson are stored (`<school>/<course>`); none: pictures by address only. */
  mediaFolder?: string
  /** More of the editor (the comment marks), and who wants the editor once it exists. */
  extensions?: AnyExtension[]
  onEditor?: (editor: Editor) => void
}) {
  let host: HTMLDivElement | undefined
  const [editor, setEditor] = createSignal<Editor>()
  const [version, setVersion] = createSignal(0)
  const [linkOpen, setLinkOpen] = createSignal(false)
  const [imageOpen, setImageOpen] = createSignal(false)
  const canEdit = () => props.editable && props.session.ended() === undefined
  let editableNow = canEdit()
  const uploads = createUploads()
  const [imageProblem, setImageProblem] = createSignal<string>()
  /** Uploads pictures and puts them in the lesson (at `at`, else at the selection). */
  const addImages = (files: File[], at?: number) => {
    const ed = editor()
    if (!ed || !editableNow || !props.mediaFolder) return
    insertImages(ed, uploads, imageRules(props.mediaFolder), files, setImageProblem, at)
  }
  const ImageUploads = Extension.create({
    name: 'imageUploads',
    addProseMirrorPlugins: () => [imageDropPlugin(addImages)],
  })

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
        LessonImage.configure({ allowBase64: false }),
        ImageUploads,
        TableKit.configure({ table: { resizable: false } }),
        Collaboration.configure({ document: props.session.doc, field: 'content' }),
        CollaborationCaret.configure({
          provider: props.session.provider,
          user: { ...props.user },
        }),
        ...(props.extensions ?? []),
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
    props.onEditor?.(ed)
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
      <Show when={uploads.items().length > 0 || imageProblem()}>
        <div class="space-y-2 border-b border-line px-4 py-3 sm:px-8">
          <UploadList uploads={uploads} />
          <Show when={imageProblem()}>
            <p role="alert" class="text-sm text-danger">
              {imageProblem()}
            </p>
          </Show>
        </div>
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
            <ImageDialog
              editor={ed()}
              open={imageOpen()}
              onOpenChange={setImageOpen}
              onFiles={props.mediaFolder ? addImages : undefined}
            />
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

function ImageDialog(props: {
  editor: Editor
  open: boolean
  onOpenChange: (open: boolean) => void
  /** Uploads picked pictures; absent: pictures by address only. */
  onFiles?: (files: File[]) => void
}) {
  let picker: HTMLInputElement | undefined
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
      <Show when={props.onFiles}>
        {(onFiles) => (
          <div class="space-y-1">
            <button type="button" class="btn-secondary w-full" onClick={() => picker?.click()}>
              {t('image.upload')}
            </button>
            <p class="text-xs text-muted">{t('image.uploadHint')}</p>
            <input
              ref={picker}
              type="file"
              class="sr-only"
              tabIndex={-1}
              aria-hidden="true"
              accept={IMAGE_TYPES.join(',')}
              multiple
              data-testid="image-input"
              onChange={(e) => {
                const files = [...(e.currentTarget.files ?? [])]
                e.currentTarget.value = ''
                if (files.length === 0) return
                onFiles()(files)
                props.onOpenChange(false)
              }}
            />
          </div>
        )}
      </Show>
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
