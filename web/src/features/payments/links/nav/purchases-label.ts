import { translator } from '../../../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** "My purchases" (the school's nav, for students and parents). */
export const purchasesLabel = () => t('purchases')
