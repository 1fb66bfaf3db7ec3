// A check a site's knowledge adds to every import: it sees the bundle's whole object list, with
// each payload already written (invisible) to the store, and throws to refuse the bundle before
// anything becomes visible.
import type { BundleObject } from './bundle/format.js';

export type ImportCheck = (objects: readonly BundleObject[], blobFile: (sha256: string) => string) => Promise<void>;
