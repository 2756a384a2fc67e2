"""The content calendar in the web app: month, week and list views, editing, approvals by role,
ICS/CSV exports, a subscribable ICS feed per workspace and bulk CSV imports. The calendar itself
is the core :class:`socialplan.calendar.Calendar`, stored as JSON beside its plan."""
