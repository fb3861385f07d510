// The activity contracts live in the domain library (libs/ never imports activities/); re-exported here.
export * from '../libs/domain/src/activity-contracts';
