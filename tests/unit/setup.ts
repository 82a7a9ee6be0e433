// Unit tests run without the browser's i18n: UI strings fall back to the shipped English messages.
import { readFileSync } from 'node:fs';
import { setFallbackMessages } from '@/components/i18n';

setFallbackMessages(JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')));
