/** How a person is named in one line, wherever: "Alex Rivera (+1 201 555 0101)", in the user's language. */
import type { IdentityView } from './views.ts';
import type { Translate } from './i18n/translator.ts';

export function nameWithDetail(identity: Pick<IdentityView, 'name' | 'detail'>, t: Translate): string {
  return identity.detail ? t('common.nameWithDetail', { name: identity.name, detail: identity.detail }) : identity.name;
}
