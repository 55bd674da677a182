"""Thai for the parts of Wagtail and Django a clerk meets in the admin.

Wagtail's own Thai catalogue leaves much of the admin in English ("Reports",
"Help", "Search all pages…", "9 Pages") and writes some of it oddly
("เซฟ,บันทึก", "ลงชื่อเข้าใช้ในWagtail"). This app ships a catalogue of
those strings only, kept apart from ``ita_wagtail``'s own so that
``makemessages`` on the app never mixes the two.

Django takes a string's translation from the first app in INSTALLED_APPS
that has one (LOCALE_PATHS come before every app), so this app must be
listed before ``wagtail.admin``, ``wagtail`` and ``django.contrib.*``;
putting it first is simplest. A system check (``ita_wagtail.W002``) says
so when it is not. It also serves the Thai of Wagtail's admin scripts
(``djangojs``), merged after Wagtail's own JavaScript catalogue.
"""
