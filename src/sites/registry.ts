import type { siteNames } from '../config/schema.js';
import { aptSite } from './apt/apt-site.js';
import { charmSite } from './charm/charm-site.js';
import { genericSite } from './generic/generic-site.js';
import { imagesSite } from './images/images-site.js';
import type { Site } from './site.js';
import { snapSite } from './snap/snap-site.js';

export const sites: Record<(typeof siteNames)[number], Site> = {
  generic: genericSite,
  apt: aptSite,
  images: imagesSite,
  snap: snapSite,
  charm: charmSite,
};
