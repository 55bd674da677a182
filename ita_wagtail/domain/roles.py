"""The names of the ITA roles' groups, of the approval workflow and of each site's
collection (services/roles.py sets them up)."""

# Names are data shared by every admin user, whatever their language: both
# languages, fixed, so that running the set-up again finds them.
GROUP_NAMES = {
    "editor": "ITA editors (ผู้จัดทำข้อมูล ITA)",
    "approver": "ITA approvers (ผู้อนุมัติ ปลัด/นายก)",
    "webmaster": "ITA webmasters (ผู้ดูแลเว็บไซต์ ITA)",
    "catalogue": "ITA catalogue managers (ผู้ดูแลรายการข้อ OIT)",
}
WORKFLOW_NAME = "ITA approval (การอนุมัติเผยแพร่ ITA)"
TASK_NAME = "Approval by ปลัด/นายก (อนุมัติโดยผู้อนุมัติ)"
#: Each site's evidence collection is named this and the site's name.
COLLECTION_PREFIX = "ITA – "


def is_approver_group(group):
    return group.name.startswith(GROUP_NAMES["approver"])
