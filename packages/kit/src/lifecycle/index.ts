export type { Component, Health } from './component';
