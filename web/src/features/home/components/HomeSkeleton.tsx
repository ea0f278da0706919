import { Skeleton } from '../../../ui/Skeleton.tsx'

/** A home's sections while they load: a wide column and a narrow one. */
export function HomeSkeleton() {
  return (
    <div class="grid grid-cols-1 gap-8 lg:grid-cols-3" aria-hidden="true">
      <div class="space-y-4 lg:col-span-2">
        <Skeleton class="h-6 w-48" />
        <Skeleton class="h-28 w-full rounded-xl" />
        <Skeleton class="h-28 w-full rounded-xl" />
      </div>
      <div class="space-y-4">
        <Skeleton class="h-6 w-40" />
        <Skeleton class="h-24 w-full rounded-xl" />
      </div>
    </div>
  )
}
