import { h } from '../../core/dom';
import type { Screen } from '../../core/router';
import { heading } from '../../core/ui';
import { t } from '../../i18n';

export const notFoundScreen: Screen = ({ view }) => {
  view.append(heading(t('common.notFound')), h('p', null, h('a', { href: '/' }, t('nav.home'))));
};
