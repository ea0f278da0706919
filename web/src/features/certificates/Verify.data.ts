import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { normaliseCertificateCode } from '../../../../edge/contract/certificates-values.ts'
import { verifyCertificate } from './api.ts'

export { verifyCertificate }

/** Starts checking the code in the address with the page code (public: works signed out). */
export function preloadVerify({ params }: RoutePreloadFuncArgs) {
  const code = normaliseCertificateCode(params.code ?? '')
  if (code) void verifyCertificate(code).catch(() => {})
}
