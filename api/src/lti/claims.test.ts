import { displayNameOf, roleFromLti } from './claims';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2';

describe('the grader role an LTI launch earns', () => {
  it.each([
    [[`${LIS}/membership#Instructor`], 'instructor'],
    [[`${LIS}/membership/Instructor#TeachingAssistant`], 'instructor'],
    [[`${LIS}/membership#ContentDeveloper`], 'instructor'],
    [[`${LIS}/membership#Administrator`], 'instructor'],
    [['Instructor'], 'instructor'],
    [[`${LIS}/membership#Learner`], 'student'],
    [[`${LIS}/membership#Mentor`], 'student'],
    [[], 'student'],
  ])('%j → %s', (roles, role) => expect(roleFromLti(roles)).toBe(role));

  it('is never admin, whatever the platform says of the person in its institution or system', () => {
    expect(roleFromLti([`${LIS}/system/person#Administrator`, `${LIS}/institution/person#Administrator`, `${LIS}/membership#Learner`])).toBe('student');
  });

  it('does not take a role that only begins like a teaching one', () => {
    expect(roleFromLti([`${LIS}/membership#InstructorWannabe`, 'Instructors', `https://evil.example/${LIS}/membership#Instructor`])).toBe('student');
  });
});

describe('the display name of an LTI user', () => {
  it('is the name claim, else given and family names, else a neutral one', () => {
    expect(displayNameOf({ name: ' Ada Lovelace ', given_name: 'A', family_name: 'L' })).toBe('Ada Lovelace');
    expect(displayNameOf({ given_name: 'Ada', family_name: 'Lovelace' })).toBe('Ada Lovelace');
    expect(displayNameOf({})).toBe('LTI user');
  });
});
