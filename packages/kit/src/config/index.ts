export { ConfigError, loadConfig } from './load-config';
export { bool, commaList, duration, hostPort, httpUrl, port, positiveInt, postgresUrl, secret } from './env-fields';
export type { CommonEnv, CommonSlices, HttpConfig, KafkaConfig, LogConfig, PostgresConfig } from './common-config';
export { commonConfig, commonSlices } from './common-config';
