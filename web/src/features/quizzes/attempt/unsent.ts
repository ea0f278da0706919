import type { AnswerBody } from '../../../../../edge/contract/assessments.ts'

// Answers given but not yet saved, kept in the tab's session storage until the server has them:
// a reload (or a crash) on a bad connection sends them again instead of losing them. Session
// storage, not local: a shared computer does not keep one student's answers for the next.

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const keyOf = (attemptId: string) => `kipindi.quiz-unsent:${attemptId}`

const sessionStore = (): Store | undefined => {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage
  } catch {
    return undefined // storage blocked
  }
}

/** The unsent answers of one attempt; every failure of the storage is ignored (it is a backup). */
export function unsentAnswers(attemptId: string, store: Store | undefined = sessionStore()) {
  const key = keyOf(attemptId)
  const read = (): Record<string, AnswerBody> => {
    try {
      const value: unknown = JSON.parse(store?.getItem(key) ?? '{}')
      return value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, AnswerBody>)
        : {}
    } catch {
      return {}
    }
  }
  const write = (all: Record<string, AnswerBody>) => {
    try {
      if (Object.keys(all).length === 0) store?.removeItem(key)
      else store?.setItem(key, JSON.stringify(all))
    } catch {
      // full or blocked: the answer is still being sent
    }
  }
  return {
    read,
    put: (questionId: string, body: AnswerBody) => write({ ...read(), [questionId]: body }),
    drop: (questionId: string) => {
      const { [questionId]: _, ...rest } = read()
      write(rest)
    },
    clear: () => write({}),
  }
}
