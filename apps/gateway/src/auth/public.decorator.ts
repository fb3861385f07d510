import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'aduan:isPublic';

/** Marks an operation that needs no staff token (public submission, tracking, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
