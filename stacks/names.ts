/** Every name that more than one stack, construct or dashboard refers to, declared once. */
export function resourceNames(namePrefix: string) {
  const streamReader = `${namePrefix}-stream-reader`;
  return {
    api: `${namePrefix}-api`,
    table: `${namePrefix}-articles`,
    routeFunction: (routeName: string) => `${namePrefix}-${routeName}`,
    streamReader,
    /** StreamSubscription names its queue after its function. */
    streamReaderDlq: `${streamReader}-dlq`,
    dashboard: `${namePrefix}-blog`,
    alarmTopic: (part: string) => `${namePrefix}-${part}-alarms`,
  };
}
