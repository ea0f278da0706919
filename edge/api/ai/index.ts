import type { EdgeEnv } from '../../lib/env.ts'
import { aiKeysSecret, createSecretBox, type SecretBox } from '../../lib/secret-box.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { conversationRoutes } from './conversations.ts'
import { courseTutorRoutes } from './course-tutor.ts'
import { handoffRoutes } from './handoff.ts'
import { providerRoutes } from './providers.ts'
import type { AiSetup } from './queries.ts'
import { settingsRoutes } from './settings.ts'
import { statusRoutes } from './status.ts'
import { usageRoutes } from './usage.ts'

export type { AiSetup } from './queries.ts'

/** The AI setup of a deployment: the provider keys' secret box (made on first use) and the platform key. */
export function aiSetupFrom(env: EdgeEnv): AiSetup {
  let box: Promise<SecretBox> | undefined
  return {
    secretBox: () => {
      box ??= createSecretBox(aiKeysSecret(env))
      return box
    },
    platformDefault: Boolean(env.GEMINI_API_KEY),
  }
}

/** The AI tutor's records: conversations and their review, "Ask a person", status, course mode, providers, settings, usage. */
export function aiRoutes(deps: ApiDeps, ai: AiSetup) {
  return newRouter()
    .route('/', conversationRoutes(deps))
    .route('/', handoffRoutes(deps))
    .route('/', statusRoutes(deps, ai))
    .route('/', courseTutorRoutes(deps))
    .route('/', settingsRoutes(deps, ai))
    .route('/', providerRoutes(deps, ai))
    .route('/', usageRoutes(deps))
}
