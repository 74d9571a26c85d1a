import { z } from 'zod';
import { defineRoute } from '../route';
import { Assignment, AssignmentGradebook, CreateAssignmentBody, Extension, ExtensionBody, MyCourse } from '../assignments';
import { items } from '../documents';
import { located } from './shared';

const tags = ['assignments'] as const;
const courseParams = z.strictObject({ courseId: z.uuid().meta({ description: 'The course' }) });
const assignmentParams = z.strictObject({ assignmentId: z.uuid().meta({ description: 'The assignment' }) });
const extensionParams = assignmentParams.extend({ userId: z.uuid().meta({ description: 'The student' }) });
const assignment = { params: assignmentParams, resource: 'Assignment' } as const;

/** A course's assignments: staff set them, members see them with their own dates. */
export const ASSIGNMENT_ROUTES = {
  myCourses: defineRoute({
    method: 'get',
    path: '/api/me/courses',
    access: 'signed-in',
    tags,
    summary: 'The courses you are a member of (staff: every course)',
    responses: { 200: { description: 'Your courses, by name.', schema: items(MyCourse) } },
  }),
  createAssignment: defineRoute({
    method: 'post',
    path: '/api/courses/{courseId}/assignments',
    access: 'staff',
    tags,
    summary: 'Set an assignment: exercises, opening and due dates, late policy, submission limit (staff)',
    params: courseParams,
    resource: 'Course',
    body: CreateAssignmentBody,
    errors: ['invalid_assignment'],
    responses: { 201: { description: 'The assignment.', schema: Assignment, headers: located } },
  }),
  listAssignments: defineRoute({
    method: 'get',
    path: '/api/courses/{courseId}/assignments',
    access: 'signed-in',
    tags,
    summary: 'A course’s assignments (staff, and the course’s members with their own dates)',
    params: courseParams,
    resource: 'Course',
    errors: ['not_in_course'],
    responses: { 200: { description: 'Its assignments, by due date.', schema: items(Assignment) } },
  }),
  getAssignment: defineRoute({
    method: 'get',
    path: '/api/assignments/{assignmentId}',
    access: 'signed-in',
    tags,
    summary: 'One assignment (staff, and the course’s members with their own dates)',
    ...assignment,
    errors: ['not_in_course'],
    responses: { 200: { description: 'The assignment.', schema: Assignment } },
  }),
  grantExtension: defineRoute({
    method: 'put',
    path: '/api/assignments/{assignmentId}/extensions/{userId}',
    access: 'staff',
    tags,
    summary: 'Give one student a due date of their own (staff)',
    description: 'The late policy runs from the extended due date. Granting again replaces it.',
    params: extensionParams,
    resource: 'Assignment',
    body: ExtensionBody,
    errors: ['not_in_course'],
    errorNotes: { not_in_course: 'the user is not a member of the assignment’s course' },
    responses: { 200: { description: 'The extension.', schema: Extension } },
  }),
  assignmentGradebook: defineRoute({
    method: 'get',
    path: '/api/assignments/{assignmentId}/gradebook',
    access: 'staff',
    tags,
    summary: 'An assignment’s gradebook: one row per member, the counted submission per exercise with late penalties (staff)',
    ...assignment,
    responses: { 200: { description: 'The gradebook.', schema: AssignmentGradebook } },
  }),
  assignmentGradebookCsv: defineRoute({
    method: 'get',
    path: '/api/assignments/{assignmentId}/gradebook.csv',
    access: 'staff',
    tags,
    summary: 'The same gradebook as RFC 4180 CSV (staff)',
    description: 'One row per member: each exercise’s adjusted score, then the total. A text cell starting with = + - @ is prefixed with an apostrophe.',
    ...assignment,
    responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: z.string() } },
  }),
} as const;
