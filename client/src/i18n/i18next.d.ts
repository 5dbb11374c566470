import 'i18next';

/**
 * Keys are not typed through `t`: with the whole zh-CN tree as the resource type, tsc's key
 * inference passed its depth limit (TS2589) wherever a key is computed. Completeness is kept
 * where it matters: zh-CN is typed by DomainLabels (a label per enum value) and en.ts must have
 * exactly zh-CN's keys (Widen<typeof zhCN>), so a missing label still fails the typecheck.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    returnNull: false;
  }
}
