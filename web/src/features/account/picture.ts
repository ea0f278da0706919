// Pictures people choose for themselves come from phone cameras (several MB): they are made small
// (at most `edge` pixels on the long side, WebP) in the browser before they are sent.

/** The picture scaled down and re-encoded; the file itself when the browser cannot decode it. */
export async function shrinkPicture(file: File, edge: number): Promise<File> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return file
  }
  const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(bitmap.width * scale))
  canvas.height = Math.max(1, Math.round(bitmap.height * scale))
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/webp', 0.85))
  if (blob?.type !== 'image/webp') return file
  return new File([blob], 'picture.webp', { type: 'image/webp' })
}
