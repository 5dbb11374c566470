import { LoginRequest, MeResponse } from '../auth';
import { defineContract } from '../contract';

export const authRoutes = {
  login: defineContract({
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Log in; sets the httpOnly session cookie that also authenticates the socket',
    tags: ['auth'],
    permission: null,
    body: LoginRequest,
    response: MeResponse,
  }),
  logout: defineContract({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'Log out and end the session',
    tags: ['auth'],
    permission: null,
    status: 204,
  }),
  me: defineContract({
    method: 'get',
    path: '/api/v1/me',
    summary: 'The logged-in user and session',
    tags: ['auth'],
    permission: null,
    response: MeResponse,
  }),
};
