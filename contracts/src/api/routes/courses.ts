import { defineRoute } from '../route';
import { CreateCourseBody } from '../account-requests';
import { Course, items } from '../documents';
import { located } from './shared';

/** Courses and their join codes (staff). */
export const COURSE_ROUTES = {
  createCourse: defineRoute({
    method: 'post',
    path: '/api/courses',
    access: 'staff',
    tags: ['courses'],
    summary: 'Create a course with a join code (staff)',
    body: CreateCourseBody,
    responses: { 201: { description: 'The course.', schema: Course, headers: located } },
  }),
  listCourses: defineRoute({
    method: 'get',
    path: '/api/courses',
    access: 'staff',
    tags: ['courses'],
    summary: 'List courses (staff)',
    responses: { 200: { description: 'Every course.', schema: items(Course) } },
  }),
} as const;
