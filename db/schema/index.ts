export * from './enums';
export * from './practices';
export * from './clinicians';
export * from './consultation-types';
export * from './bookings';
export * from './ops';
export * from './staff';
export * from './relations';
