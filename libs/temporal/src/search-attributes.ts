import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes that let supervisors filter complaints in the Temporal Web UI.
 * Workflow-safe: imported by the workflow bundle, the runner (registration) and the gateway.
 */
export const SEARCH_ATTRIBUTES = {
  office: defineSearchAttributeKey('AduanOffice', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('AduanStatus', SearchAttributeType.KEYWORD),
  step: defineSearchAttributeKey('AduanStep', SearchAttributeType.KEYWORD),
  channel: defineSearchAttributeKey('AduanChannel', SearchAttributeType.KEYWORD),
  registerNumber: defineSearchAttributeKey('AduanRegisterNumber', SearchAttributeType.KEYWORD),
  slaBreached: defineSearchAttributeKey('AduanSlaBreached', SearchAttributeType.BOOL),
  dueAt: defineSearchAttributeKey('AduanDueAt', SearchAttributeType.DATETIME),
  /** Set once a projection or notification finally failed: the read model or outbox is behind. */
  degraded: defineSearchAttributeKey('AduanDegraded', SearchAttributeType.BOOL),
} as const;

/** `temporal server start-dev --search-attribute` / operator registration form: name → type. */
export const SEARCH_ATTRIBUTE_REGISTRATIONS: { name: string; cliType: string }[] = Object.values(SEARCH_ATTRIBUTES).map(
  (key) => ({ name: key.name, cliType: cliTypeOf(key.type) }),
);

function cliTypeOf(type: SearchAttributeType): string {
  switch (type) {
    case SearchAttributeType.KEYWORD:
      return 'Keyword';
    case SearchAttributeType.BOOL:
      return 'Bool';
    case SearchAttributeType.DATETIME:
      return 'Datetime';
    case SearchAttributeType.TEXT:
      return 'Text';
    case SearchAttributeType.INT:
      return 'Int';
    case SearchAttributeType.DOUBLE:
      return 'Double';
    case SearchAttributeType.KEYWORD_LIST:
      return 'KeywordList';
  }
}
