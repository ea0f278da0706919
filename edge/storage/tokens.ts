// Signed URLs: a JWT naming one object (`url`: "<bucket>/<name>") and, for uploads, who uploads
// and whether it may replace. Signed with the project's signing key and an audience of their own,
// so neither kind of token is ever taken for an access token, nor one for the other.
import { type JWK, jwtVerify } from 'jose'
import { ApiError } from '../lib/errors.ts'
import { importSigningKey, signJwt } from '../lib/jwt.ts'

const DOWNLOAD = 'storage-download'
const UPLOAD = 'storage-upload'
/** Signed upload URLs last two hours, as on Supabase Storage. */
export const UPLOAD_URL_SECONDS = 2 * 60 * 60
/** The longest a signed download URL may last: one year. */
export const MAX_SIGNED_SECONDS = 365 * 24 * 60 * 60

export interface UploadGrant {
  owner: string | null
  upsert: boolean
}

export function createSigner(privateJwk: JWK, publicJwk: JWK) {
  const signing = importSigningKey(privateJwk)
  const verifying = crypto.subtle.importKey(
    'jwk',
    publicJwk as JsonWebKey,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  )

  async function sign(payload: Record<string, unknown>, aud: string, seconds: number) {
    const now = Math.floor(Date.now() / 1000)
    return signJwt({ ...payload, aud, iat: now, exp: now + seconds }, await signing)
  }

  async function verify(token: string, aud: string, url: string) {
    try {
      const { payload } = await jwtVerify(token, await verifying, { audience: aud, algorithms: ['ES256'] })
      if (payload.url !== url) throw new Error('other object')
      return payload
    } catch {
      throw new ApiError(400, 'invalid_signature', 'The link is not valid or has expired.')
    }
  }

  return {
    download: (url: string, seconds: number) => sign({ url }, DOWNLOAD, seconds),
    upload: (url: string, grant: UploadGrant) => sign({ url, ...grant }, UPLOAD, UPLOAD_URL_SECONDS),
    verifyDownload: (token: string, url: string) => verify(token, DOWNLOAD, url).then(() => undefined),
    async verifyUpload(token: string, url: string): Promise<UploadGrant> {
      const payload = await verify(token, UPLOAD, url)
      return {
        owner: typeof payload.owner === 'string' ? payload.owner : null,
        upsert: payload.upsert === true,
      }
    },
  }
}
export type Signer = ReturnType<typeof createSigner>
