"""The public ITA pages of the demo that the front-end checks cover.

One list, so that a new page type is checked for accessibility, valid HTML,
a phone-sized screen and print by adding its address here.
"""

PUBLIC_ITA_PAGES = [
    "/ita/",
    "/ita/2564/",
    "/ita/2564/o42/",
    "/ita/2564/o42/o43/",
    "/ita/2564/o1/",  # an item page with a table
    "/ita/2564/o5/",  # contact details
    "/ita/2564/o7/",  # a link to the site's news page
    "/ita/2564/answers/",  # the ITAS answer sheet
    "/ita/2564/o42/history/",  # a public history
]

#: The page the screenshots, mobile and print checks look at most closely.
O43_PAGE = "/ita/2564/o42/o43/"

#: The demo's ITA editor and approver (the ``demo_roles`` fixture), who log
#: in to the Thai admin with DEMO_PASSWORD.
DEMO_EDITOR, DEMO_APPROVER, DEMO_PASSWORD = "editor", "approver", "role-password"
