// Every manifest section the seeder knows, in the order they run. `apt:`, `images:`, `snaps:` and
// `charms:` are added here as they are built.
import { aptSection } from './apt.js';
import { bundlesSection, charmsSection } from './charms.js';
import { imagesSection } from './images.js';
import type { AnySection } from './section.js';
import { snapsSection } from './snaps.js';
import { urlsSection } from './urls.js';

export const sections: readonly AnySection[] = [urlsSection, aptSection, imagesSection, snapsSection, charmsSection, bundlesSection];
