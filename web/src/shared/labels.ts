export { ACTION_LABELS, CHANNEL_LABELS, OUTCOME_LABELS, ROLE_LABELS } from '../../../libs/domain/src/labels';
