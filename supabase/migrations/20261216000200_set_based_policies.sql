-- Every other policy that asked per row whether the caller belongs to the row's school
-- (private.is_member(x)), has a role there (private.has_role(x, roles) with roles fixed by the
-- policy) or works its support desk (private.is_support_staff(x)) now asks once per statement, in
-- the set-based form of 20261216000100: `x = any ((select private.my_school_ids_as(roles))::uuid[])`.
-- The helpers and these arrays answer alike (same memberships, same suspended-school rule), so who
-- may read or write what is unchanged; test/integration/rls-*.test.ts check it table by table, and
-- test/integration/policy-shape.test.ts refuses a new policy that calls those helpers per row.
--
-- Each statement below is its policy as PostgreSQL deparsed it (pg_policies) after the migrations
-- before this one, with only those calls replaced; nothing else in the expressions changed.

alter policy "Students start conversations in their school and courses" on public.ai_conversations
  with check (((student_id = ( SELECT auth.uid() AS uid)) AND (tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])) AND ((course_id IS NULL) OR ((private.course_tenant(course_id) = tenant_id) AND (private.is_enrolled(course_id) OR private.can_read_draft(course_id)))) AND ((lesson_id IS NULL) OR (private.lesson_course(lesson_id) = course_id))));

alter policy "Students, course editors and school admins read conversations" on public.ai_conversations
  using (((student_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role]))::uuid[])) OR ((course_id IS NOT NULL) AND private.can_edit_course(course_id))));

alter policy "Owners and admins read their school's AI usage" on public.ai_usage_daily
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role]))::uuid[])));

alter policy "Admins read their tenant's audit log" on public.audit_log
  using (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Authors and admins change canned replies" on public.canned_replies
  using (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])) AND ((created_by = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))))
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])));

alter policy "Authors and admins remove canned replies" on public.canned_replies
  using (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])) AND ((created_by = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))));

alter policy "Support staff add canned replies" on public.canned_replies
  with check (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])) AND (created_by = ( SELECT auth.uid() AS uid))));

alter policy "Support staff read canned replies" on public.canned_replies
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])));

alter policy "Students, their parents, the course's teachers and the school's" on public.certificates
  using (((user_id = ( SELECT auth.uid() AS uid)) OR private.is_guardian(tenant_id, user_id) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR ((course_id IS NOT NULL) AND private.can_see_course_work(course_id))));

alter policy "Admins add students to classes" on public.class_members
  with check (( SELECT (class_members.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins move students between classes" on public.class_members
  using (( SELECT (class_members.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role))
  with check (( SELECT (class_members.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins remove students from classes" on public.class_members
  using (( SELECT (class_members.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins change pending placements" on public.class_placements
  using (( SELECT (class_placements.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role))
  with check (( SELECT (class_placements.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins drop pending placements" on public.class_placements
  using (( SELECT (class_placements.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins place invited students" on public.class_placements
  with check (( SELECT (class_placements.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins see their school's pending class placements" on public.class_placements
  using (( SELECT (class_placements.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins name class teachers" on public.class_teachers
  with check (( SELECT (class_teachers.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins remove class teachers" on public.class_teachers
  using (( SELECT (class_teachers.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins create their school's classes" on public.classes
  with check (( SELECT (classes.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins delete their school's classes" on public.classes
  using (( SELECT (classes.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "Admins rename their school's classes" on public.classes
  using (( SELECT (classes.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role))
  with check (( SELECT (classes.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role));

alter policy "School members who teach, staff or belong to a class see it" on public.classes
  using ((( SELECT (classes.tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'staff'::tenant_role, 'instructor'::tenant_role]))::uuid[])) AS has_role) OR ( SELECT private.belongs_to_class(classes.id) AS belongs_to_class) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Members of the school see course prices" on public.course_prices
  using (((private.course_tenant(course_id) = ANY ((SELECT private.my_school_ids())::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Instructors and admins create courses" on public.courses
  with check (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.teaching_roles()))::uuid[])) AND (created_by = ( SELECT auth.uid() AS uid))));

alter policy "Members see their school's courses" on public.courses
  using (((tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Students see their enrolments; teachers see the course's" on public.enrolments
  using (((user_id = ( SELECT auth.uid() AS uid)) OR private.can_read_draft(course_id) OR (private.course_tenant(course_id) = ANY ((SELECT private.my_school_ids_as(ARRAY['instructor'::tenant_role]))::uuid[]))));

alter policy "Teachers enrol students; students enrol in free courses" on public.enrolments
  with check ((private.can_manage_course(course_id) OR (private.course_tenant(course_id) = ANY ((SELECT private.my_school_ids_as(ARRAY['instructor'::tenant_role]))::uuid[])) OR ((user_id = ( SELECT auth.uid() AS uid)) AND (private.course_tenant(course_id) = ANY ((SELECT private.my_school_ids_as(ARRAY['student'::tenant_role]))::uuid[])) AND private.course_is_free(course_id))));

alter policy "Teachers unenrol students; students leave" on public.enrolments
  using (((user_id = ( SELECT auth.uid() AS uid)) OR private.can_manage_course(course_id) OR (private.course_tenant(course_id) = ANY ((SELECT private.my_school_ids_as(ARRAY['instructor'::tenant_role]))::uuid[]))));

alter policy "Admins change the forum settings" on public.forum_settings
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins reset the forum settings" on public.forum_settings
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins set the forum settings" on public.forum_settings
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Members read their school's forum settings" on public.forum_settings
  using ((tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])));

alter policy "Admins, the child, the sender and the invited parent read guard" on public.guardian_invitations
  using (((student_id = ( SELECT auth.uid() AS uid)) OR (invited_by = ( SELECT auth.uid() AS uid)) OR (parent_id = ( SELECT auth.uid() AS uid)) OR ( SELECT (guardian_invitations.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Admins, the parent and the child read a school's parent links" on public.guardian_links
  using (((parent_id = ( SELECT auth.uid() AS uid)) OR (student_id = ( SELECT auth.uid() AS uid)) OR ( SELECT (guardian_links.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Admins invite people" on public.invitations
  with check (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) AND (invited_by = ( SELECT auth.uid() AS uid))));

alter policy "Admins read their tenant's invitations" on public.invitations
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins revoke invitations" on public.invitations
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Instructors read their wallet accounts; admins their school's" on public.ledger_accounts
  using (((owner_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Instructors read their wallet entries; admins their school's" on public.ledger_entries
  using ((private.owns_ledger_account(account_id) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Instructors read transactions on their wallet; admins their sch" on public.ledger_transactions
  using (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR private.sees_ledger_transaction(id) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Students see their progress; teachers see the course's" on public.lesson_progress
  using ((((user_id = ( SELECT auth.uid() AS uid)) AND private.is_enrolled(course_id)) OR private.can_read_draft(course_id) OR (private.course_tenant(course_id) = ANY ((SELECT private.my_school_ids_as(ARRAY['instructor'::tenant_role]))::uuid[]))));

alter policy "Authors delete their own comments; owners and admins any of the" on public.logbook_comments
  using ((((author_id = ( SELECT auth.uid() AS uid)) AND ( SELECT private.logbook_entry_access(logbook_comments.entry_id, true) AS logbook_entry_access)) OR ( SELECT (logbook_comments.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role)));

alter policy "Students change their own entries while in the school" on public.logbook_entries
  using (((user_id = ( SELECT auth.uid() AS uid)) AND ( SELECT (logbook_entries.tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])) AS is_member)));

alter policy "Students delete their own entries; owners and admins any of the" on public.logbook_entries
  using ((((user_id = ( SELECT auth.uid() AS uid)) AND ( SELECT (logbook_entries.tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])) AS is_member)) OR ( SELECT (logbook_entries.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role)));

alter policy "Admins add members" on public.memberships
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins change members' roles" on public.memberships
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins remove members and members leave" on public.memberships
  using (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR (user_id = ( SELECT auth.uid() AS uid))));

alter policy "People see their own notifications about what they may still se" on public.notifications
  using (((user_id = ( SELECT auth.uid() AS uid)) AND ((tenant_id IS NULL) OR (tenant_id = ANY ((SELECT private.my_school_ids())::uuid[]))) AND ((ticket_id IS NULL) OR (ticket_access(ticket_id) = ANY (ARRAY['staff'::text, 'requester'::text]))) AND ((lesson_id IS NULL) OR private.can_see_outline(private.lesson_course(lesson_id)))));

alter policy "Payers, beneficiaries, their parents and school admins read pay" on public.payments
  using (((payer_id = ( SELECT auth.uid() AS uid)) OR (beneficiary_id = ( SELECT auth.uid() AS uid)) OR private.is_guardian(tenant_id, beneficiary_id) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Instructors read their payouts; admins their school's" on public.payouts
  using (((instructor_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Admins, the pupil's class teachers and the pupil see a pupil ac" on public.pupil_accounts
  using (((user_id = ( SELECT auth.uid() AS uid)) OR ( SELECT (pupil_accounts.tenant_id = ANY ((SELECT private.my_school_ids_as(( SELECT private.admin_roles() AS admin_roles)))::uuid[])) AS has_role) OR ( SELECT private.teaches_pupil(pupil_accounts.user_id) AS teaches_pupil)));

alter policy "People see the exports they asked for, while in the school" on public.report_exports
  using (((requested_by = ( SELECT auth.uid() AS uid)) AND ( SELECT (report_exports.tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])) AS is_member)));

alter policy "Instructors and admins add rubrics" on public.rubrics
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'instructor'::tenant_role]))::uuid[])));

alter policy "Instructors and admins change rubrics" on public.rubrics
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'instructor'::tenant_role]))::uuid[])))
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'instructor'::tenant_role]))::uuid[])));

alter policy "Instructors and admins delete rubrics" on public.rubrics
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'instructor'::tenant_role]))::uuid[])));

alter policy "The school's teachers see its rubrics; students those of their " on public.rubrics
  using (((tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'staff'::tenant_role, 'instructor'::tenant_role]))::uuid[])) OR private.rubric_visible_to_student(id)));

alter policy "Members read their school's plan and limits" on public.school_entitlements
  using (((tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "People see their own attendance; tutors and staff everyone's" on public.session_attendance
  using (((user_id = ( SELECT auth.uid() AS uid)) OR private.can_manage_session(session_id) OR (private.session_tenant(session_id) = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'staff'::tenant_role]))::uuid[]))));

alter policy "Students book themselves; tutors book students" on public.session_bookings
  with check ((((user_id = ( SELECT auth.uid() AS uid)) AND (private.session_tenant(session_id) = ANY ((SELECT private.my_school_ids_as(ARRAY['student'::tenant_role]))::uuid[]))) OR private.can_manage_session(session_id)));

alter policy "Students see their seats; tutors and staff see the session's" on public.session_bookings
  using (((user_id = ( SELECT auth.uid() AS uid)) OR private.can_manage_session(session_id) OR (private.session_tenant(session_id) = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'staff'::tenant_role]))::uuid[]))));

alter policy "Admins add SLA policies" on public.sla_policies
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins change SLA policies" on public.sla_policies
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins remove SLA policies" on public.sla_policies
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Support staff read SLA policies" on public.sla_policies
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])));

alter policy "Admins and the student read sponsored seats" on public.sponsored_seats
  using (((student_id = ( SELECT auth.uid() AS uid)) OR (private.sponsorship_tenant(sponsorship_id) = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Sponsors read their sponsorships; admins their school's" on public.sponsorships
  using (((sponsor_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));

alter policy "Admins correct a birth date" on public.student_birth_dates
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins record a birth date" on public.student_birth_dates
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins remove a birth date" on public.student_birth_dates
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "The school's staff, the student and their parents read a birth " on public.student_birth_dates
  using (((user_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role, 'admin'::tenant_role, 'staff'::tenant_role]))::uuid[])) OR private.is_guardian(tenant_id, user_id)));

alter policy "Admins remove agents" on public.support_agents
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Agents change their own settings; admins any" on public.support_agents
  using (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])) AND ((user_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))))
  with check (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])) AND ((user_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))));

alter policy "Agents join the desk; admins add agents" on public.support_agents
  with check (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])) AND ((user_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))));

alter policy "Support staff see the school's agents" on public.support_agents
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])));

alter policy "Admins change the calendar" on public.support_calendars
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins remove the calendar" on public.support_calendars
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins set the calendar" on public.support_calendars
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Support staff read the calendar" on public.support_calendars
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])));

alter policy "Admins add holidays" on public.support_holidays
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins change holidays" on public.support_holidays
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))
  with check ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Admins remove holidays" on public.support_holidays
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Support staff read holidays" on public.support_holidays
  using ((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])));

alter policy "Admins update their tenant" on public.tenants
  using ((id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))
  with check ((id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])));

alter policy "Owners delete their tenant" on public.tenants
  using ((id = ANY ((SELECT private.my_school_ids_as(ARRAY['owner'::tenant_role]))::uuid[])));

alter policy "Requesters see their ratings; staff the school's" on public.ticket_ratings
  using (((requester_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[]))));

alter policy "Members open tickets for themselves" on public.tickets
  with check (((requester_id = ( SELECT auth.uid() AS uid)) AND (tenant_id = ANY ((SELECT private.my_school_ids())::uuid[]))));

alter policy "Requesters see their tickets; staff see the school's" on public.tickets
  using ((((requester_id = ( SELECT auth.uid() AS uid)) AND (tenant_id = ANY ((SELECT private.my_school_ids())::uuid[]))) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[]))));

alter policy "Staff work tickets; requesters close theirs" on public.tickets
  using (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])) OR ((requester_id = ( SELECT auth.uid() AS uid)) AND (tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])))))
  with check (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.support_roles()))::uuid[])) OR ((requester_id = ( SELECT auth.uid() AS uid)) AND (tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])))));

alter policy "Instructors and admins schedule sessions" on public.tutoring_sessions
  with check (((tenant_id = ANY ((SELECT private.my_school_ids_as(private.teaching_roles()))::uuid[])) AND ((instructor_id = ( SELECT auth.uid() AS uid)) OR (tenant_id = ANY ((SELECT private.my_school_ids_as(private.admin_roles()))::uuid[])))));

alter policy "Members see their school's sessions" on public.tutoring_sessions
  using (((tenant_id = ANY ((SELECT private.my_school_ids())::uuid[])) OR ( SELECT private.is_superadmin() AS is_superadmin)));
