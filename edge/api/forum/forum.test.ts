import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, newCourse } from '../courses/testing.ts'

// Course forums through the API: a student asks, a classmate answers and the asker is notified and
// marks the answer; the teacher pins and locks, hides a reply (audited); a parent reads and cannot
// write; search finds words in replies; unread marks follow reading; every change reaches the
// course's live topic; bad bodies are refused with their field paths and change nothing.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(api.call, s.teacher, s.tenant.id)
  await api.sql`insert into public.enrolments (course_id, user_id) values (${course}, ${s.student.id}), (${course}, ${s.classmate.id})`
  await api.sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${s.tenant.id}, ${s.parent.id}, ${s.student.id})`
})
afterAll(() => api?.close())

const threads = () => `/courses/${course}/forum/threads`
type Who = { token: string }
const ask = (who: Who, body: object) => api.call('POST', threads(), { token: who.token, body })
const list = (who: Who, query = '') => api.call('GET', `${threads()}${query}`, { token: who.token })

describe('course forum', () => {
  let question: string
  let answer: string

  it('a student asks; classmates, teachers and the linked parent see it; other schools do not', async () => {
    const made = await ask(s.student, {
      category: 'question',
      title: 'Halves',
      body: 'Is 2/4 the same as 1/2?',
    })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({
      title: 'Halves',
      role: 'member',
      can_edit: true,
      can_mark_answer: true,
      posts: [],
    })
    question = made.body.id
    const seen = await list(s.classmate)
    expect(seen.body).toMatchObject({ total: 1, unread: 1, role: 'member' })
    expect(seen.body.threads[0]).toMatchObject({
      id: question,
      author_name: 'Student',
      unread: true,
      answered: false,
    })
    expect((await list(s.student)).body.threads[0].unread).toBe(false)
    expect((await list(s.parent)).body.role).toBe('reader')
    expect((await list(s.teacher)).body.role).toBe('moderator')
    const stranger = await list(s.stranger)
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'course_not_found'])
  })

  it('refuses announcements from students and writing from parents; bad bodies say which field', async () => {
    const announce = await ask(s.student, { category: 'announcement', title: 'Party', body: 'Friday!' })
    expect([announce.status, announce.body.error.code]).toEqual([403, 'forum_moderators_only'])
    const parent = await ask(s.parent, { category: 'general', title: 'Hello', body: 'From a parent' })
    expect([parent.status, parent.body.error.code]).toEqual([403, 'forum_read_only'])
    const blank = await ask(s.student, { category: 'question', title: '   ', body: 'x', extra: 1 })
    expect(blank.status).toBe(400)
    const paths = blank.body.error.details.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['title']))
    const odd = await ask(s.student, { category: 'gossip', title: 'A', body: 'B' })
    expect(odd.body.error.details.issues[0].path).toBe('category')
    expect((await list(s.teacher)).body.total).toBe(1)
  })

  it('a classmate replies: the asker is notified and marks the answer; only the asker or a teacher may', async () => {
    const events: string[] = []
    const listener = await api.sql.listen('live', (payload) => events.push(payload))
    const replied = await api.call('POST', `/forum/threads/${question}/posts`, {
      token: s.classmate.token,
      body: { body: 'Yes: multiply 1/2 by 2/2.' },
    })
    expect(replied.status).toBe(201)
    expect(replied.body).toMatchObject({ reply_count: 1, can_mark_answer: false })
    answer = replied.body.posts[0].id
    const mine = await api.call('GET', '/me/export', { token: s.classmate.token })
    expect(mine.body.forum_posts).toEqual([
      expect.objectContaining({ id: answer, body: 'Yes: multiply 1/2 by 2/2.' }),
    ])
    const [note] = await api.sql`
      select kind, title, link from public.notifications where user_id = ${s.student.id} and kind = 'forum_reply'`
    expect(note).toMatchObject({
      title: 'New reply: Halves',
      link: `/t/${s.tenant.slug}/courses/${course}/forum/${question}`,
    })
    await new Promise((r) => setTimeout(r, 100))
    await listener.unlisten()
    expect(events.map((e) => JSON.parse(e))).toContainEqual(
      expect.objectContaining({
        topic: `course:${course}`,
        event: 'forum',
        data: { course_id: course, thread_id: question },
      }),
    )

    const byClassmate = await api.call('PATCH', `/forum/threads/${question}`, {
      token: s.classmate.token,
      body: { answered_post_id: answer },
    })
    expect([byClassmate.status, byClassmate.body.error.code]).toEqual([403, 'forum_forbidden'])
    const marked = await api.call('PATCH', `/forum/threads/${question}`, {
      token: s.student.token,
      body: { answered_post_id: answer },
    })
    expect(marked.body).toMatchObject({ answered: true, answered_post_id: answer })
    // The reply is news to the asker until they open the thread.
    expect((await list(s.student)).body.threads[0].unread).toBe(true)
    await api.call('GET', `/forum/threads/${question}`, { token: s.student.token })
    expect((await list(s.student)).body).toMatchObject({ unread: 0, threads: [{ unread: false }] })
  })

  it('search finds words in replies; the category filters', async () => {
    expect((await list(s.classmate, '?q=multiply')).body.threads.map((t: { id: string }) => t.id)).toEqual([
      question,
    ])
    expect((await list(s.classmate, '?q=nothing-like-this')).body).toMatchObject({ total: 0, threads: [] })
    expect((await list(s.classmate, '?category=general')).body.total).toBe(0)
    const bad = await list(s.classmate, '?limit=500')
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'limit'])
  })

  it('the teacher pins, locks and hides (audited); a locked thread takes no replies from students', async () => {
    const pin = await api.call('PATCH', `/forum/threads/${question}`, {
      token: s.teacher.token,
      body: { pinned: true, locked: true },
    })
    expect(pin.body).toMatchObject({ pinned: true, locked: true, can_reply: true })
    const pinByStudent = await api.call('PATCH', `/forum/threads/${question}`, {
      token: s.student.token,
      body: { pinned: false },
    })
    expect([pinByStudent.status, pinByStudent.body.error.code]).toEqual([403, 'forum_moderators_only'])
    const late = await api.call('POST', `/forum/threads/${question}/posts`, {
      token: s.classmate.token,
      body: { body: 'One more thing' },
    })
    expect([late.status, late.body.error.code]).toEqual([409, 'forum_locked'])
    const hide = await api.call('PATCH', `/forum/posts/${answer}`, {
      token: s.teacher.token,
      body: { hidden: true },
    })
    expect(hide.body.posts[0]).toMatchObject({ id: answer, hidden: true })
    const asParent = await api.call('GET', `/forum/threads/${question}`, { token: s.parent.token })
    expect(asParent.body).toMatchObject({ role: 'reader', can_reply: false, posts: [] })
    const asAuthor = await api.call('GET', `/forum/threads/${question}`, { token: s.classmate.token })
    expect(asAuthor.body.posts.map((p: { hidden: boolean }) => p.hidden)).toEqual([true])
    const audits = await api.sql`
      select action from public.audit_log where tenant_id = ${s.tenant.id} and action like 'forum.%' order by id`
    expect(audits.map((a) => a.action)).toEqual([
      'forum.thread_pinned',
      'forum.thread_locked',
      'forum.post_hidden',
    ])
  })

  it('members react once each way to the question and to a reply; parents cannot; counts show whose', async () => {
    const react = (who: Who, body: object) =>
      api.call('POST', `/forum/threads/${question}/reactions`, { token: who.token, body })
    await react(s.student, { post_id: null, reaction: 'same_question', on: true })
    await react(s.student, { post_id: null, reaction: 'same_question', on: true })
    const mine = await react(s.classmate, { post_id: null, reaction: 'same_question', on: true })
    expect(mine.status).toBe(200)
    expect(mine.body.reactions).toEqual([{ reaction: 'same_question', count: 2, mine: true }])
    // The reply is hidden (the teacher hid it): the student cannot react to it, the teacher can.
    const unseen = await react(s.student, { post_id: answer, reaction: 'thumbs_up', on: true })
    expect([unseen.status, unseen.body.error.code]).toEqual([404, 'forum_post_not_found'])
    const onReply = await react(s.teacher, { post_id: answer, reaction: 'thumbs_up', on: true })
    expect(onReply.body.posts[0].reactions).toEqual([{ reaction: 'thumbs_up', count: 1, mine: true }])
    const back = await react(s.classmate, { post_id: null, reaction: 'same_question', on: false })
    expect(back.body.reactions).toEqual([{ reaction: 'same_question', count: 1, mine: false }])
    const parent = await react(s.parent, { post_id: null, reaction: 'heart', on: true })
    expect([parent.status, parent.body.error.code]).toEqual([403, 'forum_read_only'])
    const asParent = await api.call('GET', `/forum/threads/${question}`, { token: s.parent.token })
    expect(asParent.body).toMatchObject({
      can_react: false,
      reactions: [{ reaction: 'same_question', count: 1 }],
    })
    const stray = await react(s.student, { post_id: s.student.id, reaction: 'heart', on: true })
    expect([stray.status, stray.body.error.code]).toEqual([404, 'forum_post_not_found'])
    const odd = await react(s.student, { post_id: null, reaction: 'angry', on: true })
    expect(odd.body.error.details.issues[0].path).toBe('reaction')
  })

  it('nobody edits or deletes another person’s words except moderators', async () => {
    const restore = await api.call('PATCH', `/forum/posts/${answer}`, {
      token: s.teacher.token,
      body: { hidden: false },
    })
    expect(restore.body.posts[0].hidden).toBe(false)
    const hidden = await api.call('GET', `/forum/threads/${question}`, { token: s.student.token })
    expect(hidden.body.posts).toHaveLength(1)
    const edit = await api.call('PATCH', `/forum/posts/${answer}`, {
      token: s.student.token,
      body: { body: 'No' },
    })
    expect([edit.status, edit.body.error.code]).toEqual([403, 'forum_forbidden'])
    const del = await api.call('DELETE', `/forum/posts/${answer}`, { token: s.student.token })
    expect([del.status, del.body.error.code]).toEqual([403, 'forum_forbidden'])
    const own = await api.call('DELETE', `/forum/threads/${question}`, { token: s.student.token })
    expect([own.status, own.body.error.code]).toEqual([403, 'forum_forbidden'])
    const byTeacher = await api.call('DELETE', `/forum/threads/${question}`, { token: s.teacher.token })
    expect(byTeacher.status).toBe(204)
    const gone = await api.call('GET', `/forum/threads/${question}`, { token: s.student.token })
    expect([gone.status, gone.body.error.code]).toEqual([404, 'forum_thread_not_found'])
    const [audit] = await api.sql`
      select details from public.audit_log where tenant_id = ${s.tenant.id} and action = 'forum.thread_deleted'`
    expect(audit?.details).toMatchObject({ title: 'Halves', author_id: s.student.id })
  })
})

describe('forum safety', () => {
  it('holds a member’s words on the school’s list for review; the author sees them, a teacher releases them', async () => {
    const held = await ask(s.student, {
      category: 'general',
      title: 'Group work',
      body: 'Baraka is so stupid',
    })
    expect(held.status).toBe(201)
    expect(held.body).toMatchObject({ hidden: true, review_reason: 'words' })
    const id = held.body.id
    const others = await api.call('GET', `/forum/threads/${id}`, { token: s.classmate.token })
    expect(others.status).toBe(404)
    const teacher = await list(s.teacher, '?review=true')
    expect(teacher.body.to_review).toBeGreaterThanOrEqual(1)
    expect(teacher.body.threads.map((t: { id: string }) => t.id)).toContain(id)
    // The course's teacher is told at once.
    const [notice] = await api.sql`
      select title, link from public.notifications where user_id = ${s.teacher.id} and kind = 'forum_review'`
    expect(notice).toMatchObject({
      title: 'Waiting for review: Group work',
      link: expect.stringContaining(id),
    })
    const released = await api.call('PATCH', `/forum/threads/${id}`, {
      token: s.teacher.token,
      body: { hidden: false },
    })
    expect(released.body).toMatchObject({ hidden: false, review_reason: null })
    expect((await api.call('GET', `/forum/threads/${id}`, { token: s.classmate.token })).status).toBe(200)
    // The school's own words (any case, whole words only) hold replies too; Kiswahili defaults apply.
    const set = await api.call('PUT', `/tenants/${s.tenant.id}/forum/settings`, {
      token: s.admin.token,
      body: { report_threshold: 2, default_words: true, blocked_words: ['Chips Funga'] },
    })
    expect(set.body).toMatchObject({ report_threshold: 2, blocked_words: ['chips funga'], can_edit: true })
    const own = await api.call('POST', `/forum/threads/${id}/posts`, {
      token: s.classmate.token,
      body: { body: 'Let us eat CHIPS FUNGA after class' },
    })
    expect(own.body.posts.at(-1)).toMatchObject({ hidden: true, review_reason: 'words' })
    const kiswahili = await api.call('POST', `/forum/threads/${id}/posts`, {
      token: s.classmate.token,
      body: { body: 'Wewe ni mjinga' },
    })
    expect(kiswahili.body.posts.at(-1)).toMatchObject({ hidden: true, review_reason: 'words' })
    const fine = await api.call('POST', `/forum/threads/${id}/posts`, {
      token: s.classmate.token,
      body: { body: 'Chipsfunga is one word here, and dumbbells are for the gym.' },
    })
    expect(fine.body.posts.at(-1)).toMatchObject({ hidden: false, review_reason: null })
    const audits = await api.sql`
      select action from public.audit_log where tenant_id = ${s.tenant.id} and action in ('forum.thread_restored', 'forum.settings_changed')`
    expect(audits.map((a) => a.action).sort()).toEqual(['forum.settings_changed', 'forum.thread_restored'])
  })

  it('hides a reply once as many people as the school says have reported it; never one’s own words', async () => {
    const made = await ask(s.teacher, {
      category: 'general',
      title: 'Field trip',
      body: 'We go to the museum.',
    })
    const id = made.body.id
    const posted = await api.call('POST', `/forum/threads/${id}/posts`, {
      token: s.classmate.token,
      body: { body: 'Bring money for me' },
    })
    const post = posted.body.posts[0].id
    const own = await api.call('POST', `/forum/threads/${id}/reports`, {
      token: s.classmate.token,
      body: { post_id: post, reason: 'spam' },
    })
    expect([own.status, own.body.error.code]).toEqual([422, 'forum_own_words'])
    const first = await api.call('POST', `/forum/threads/${id}/reports`, {
      token: s.student.token,
      body: { post_id: post, reason: 'unkind', note: 'Asking for money' },
    })
    expect([first.status, first.body]).toEqual([201, { hidden: false }])
    const again = await api.call('POST', `/forum/threads/${id}/reports`, {
      token: s.student.token,
      body: { post_id: post, reason: 'unkind' },
    })
    expect([again.status, again.body.error.code]).toEqual([409, 'forum_already_reported'])
    const bad = await api.call('POST', `/forum/threads/${id}/reports`, {
      token: s.student.token,
      body: { post_id: post, reason: 'boring' },
    })
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'reason'])
    // The parent reads the forum, so they may report: the second report reaches the threshold of 2.
    const second = await api.call('POST', `/forum/threads/${id}/reports`, {
      token: s.parent.token,
      body: { post_id: post, reason: 'unsafe' },
    })
    expect(second.body).toEqual({ hidden: true })
    const asTeacher = await api.call('GET', `/forum/threads/${id}`, { token: s.teacher.token })
    expect(asTeacher.body.posts[0]).toMatchObject({ hidden: true, review_reason: 'reports', open_reports: 2 })
    const asStudent = await api.call('GET', `/forum/threads/${id}`, { token: s.student.token })
    expect(asStudent.body.posts).toEqual([])
    const [audit] = await api.sql`
      select details from public.audit_log where action = 'forum.post_auto_hidden' and target_id = ${post}`
    expect(audit?.details).toMatchObject({ reports: 2, threshold: 2 })
    const notices = await api.sql`
      select body from public.notifications where user_id = ${s.teacher.id} and kind = 'forum_review' and title like '%Field trip'`
    expect(notices.map((n) => n.body)).toEqual([
      'A post in "Field trip" was hidden after reports. Open the thread to look at it.',
    ])
    // The teacher looks and shows it again: the reports are closed.
    const shown = await api.call('PATCH', `/forum/posts/${post}`, {
      token: s.teacher.token,
      body: { hidden: false },
    })
    expect(shown.body.posts[0]).toMatchObject({ hidden: false, review_reason: null, open_reports: 0 })
  })

  it('only admins change the settings; members read them', async () => {
    const read = await api.call('GET', `/tenants/${s.tenant.id}/forum/settings`, { token: s.student.token })
    expect(read.body).toMatchObject({ report_threshold: 2, can_edit: false })
    expect(read.body.default_list).toContain('mjinga')
    const denied = await api.call('PUT', `/tenants/${s.tenant.id}/forum/settings`, {
      token: s.teacher.token,
      body: { report_threshold: 5, default_words: false, blocked_words: [] },
    })
    expect([denied.status, denied.body.error.code]).toEqual([403, 'admins_only'])
    const tooMany = await api.call('PUT', `/tenants/${s.tenant.id}/forum/settings`, {
      token: s.admin.token,
      body: { report_threshold: 50, default_words: true, blocked_words: [] },
    })
    expect([tooMany.status, tooMany.body.error.details.issues[0].path]).toEqual([400, 'report_threshold'])
  })
})

describe('forum mentions', () => {
  it('offers the course’s people by name; a mention notifies them; a parent or stranger cannot be mentioned', async () => {
    const offered = await api.call('GET', `/courses/${course}/mentionable?for=forum&q=cla`, {
      token: s.student.token,
    })
    expect(offered.body.people).toEqual([{ id: s.classmate.id, name: 'Classmate', teaches: false }])
    const everyone = await api.call('GET', `/courses/${course}/mentionable?for=forum`, {
      token: s.student.token,
    })
    const names = everyone.body.people.map((p: { name: string }) => p.name)
    expect(names).toEqual(expect.arrayContaining(['Classmate', 'Teacher']))
    expect(names).not.toContain('Parent')
    expect(names).not.toContain('Student')
    const byParent = await api.call('GET', `/courses/${course}/mentionable?for=forum`, {
      token: s.parent.token,
    })
    expect([byParent.status, byParent.body.error.code]).toEqual([403, 'forum_read_only'])
    const badPlace = await api.call('GET', `/courses/${course}/mentionable?for=chat`, {
      token: s.student.token,
    })
    expect([badPlace.status, badPlace.body.error.details.issues[0].path]).toEqual([400, 'for'])

    const made = await ask(s.student, {
      category: 'question',
      title: 'Fractions homework',
      body: '@Teacher is question 3 about halves?',
      mentions: [s.teacher.id],
    })
    expect(made.status).toBe(201)
    expect(made.body.mentions).toEqual([{ id: s.teacher.id, name: 'Teacher' }])
    const [told] = await api.sql`
      select title, link from public.notifications where user_id = ${s.teacher.id} and kind = 'mention'`
    expect(told).toMatchObject({ title: 'Student mentioned you' })
    expect(told?.link).toBe(`/t/${s.tenant.slug}/courses/${course}/forum/${made.body.id}`)

    const parent = await api.call('POST', `/forum/threads/${made.body.id}/posts`, {
      token: s.classmate.token,
      body: { body: 'Ask @Parent', mentions: [s.parent.id] },
    })
    expect([parent.status, parent.body.error.code]).toEqual([422, 'mention_not_member'])
    const stranger = await api.call('POST', `/forum/threads/${made.body.id}/posts`, {
      token: s.classmate.token,
      body: { body: 'Ask @Stranger', mentions: [s.stranger.id] },
    })
    expect(stranger.status).toBe(422)
    const replied = await api.call('POST', `/forum/threads/${made.body.id}/posts`, {
      token: s.classmate.token,
      body: { body: '@Student yes, see page 4.', mentions: [s.student.id, s.student.id] },
    })
    expect(replied.body.posts[0].mentions).toEqual([{ id: s.student.id, name: 'Student' }])
    expect(replied.body.reply_count).toBe(1)
  })

  it('a reply held for its words tells the people it mentions, and the asker, once it is shown', async () => {
    const thread = await ask(s.student, { category: 'question', title: 'Held mention', body: 'Help please' })
    const count = async (who: { id: string }, kind: string) =>
      (await api.sql`select 1 from public.notifications where user_id = ${who.id} and kind = ${kind}`).count
    const [mentions, replies] = [await count(s.teacher, 'mention'), await count(s.student, 'forum_reply')]
    const held = await api.call('POST', `/forum/threads/${thread.body.id}/posts`, {
      token: s.classmate.token,
      body: { body: '@Teacher this question is stupid', mentions: [s.teacher.id] },
    })
    const post = held.body.posts.at(-1)
    expect(post).toMatchObject({ hidden: true, review_reason: 'words' })
    expect([await count(s.teacher, 'mention'), await count(s.student, 'forum_reply')]).toEqual([
      mentions,
      replies,
    ])
    const show = (hidden: boolean) =>
      api.call('PATCH', `/forum/posts/${post.id}`, { token: s.staff.token, body: { hidden } })
    expect((await show(false)).status).toBe(200)
    expect([await count(s.teacher, 'mention'), await count(s.student, 'forum_reply')]).toEqual([
      mentions + 1,
      replies + 1,
    ])
    const [told] = await api.sql`
      select title from public.notifications where user_id = ${s.teacher.id} and kind = 'mention' order by created_at desc limit 1`
    expect(told?.title).toBe('Classmate mentioned you')
    // Hidden and shown again: it had been seen, nobody is told twice.
    expect((await show(true)).status).toBe(200)
    expect((await show(false)).status).toBe(200)
    expect(await count(s.teacher, 'mention')).toBe(mentions + 1)
    expect(await count(s.student, 'forum_reply')).toBe(replies + 1)
  })
})
