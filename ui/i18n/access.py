"""Strings of sign-in, teams and roles (team mode), and local mode's banner."""

STRINGS: dict[str, dict[str, str]] = {
    "signin_title": {"en": "Sign in to LiftBoard", "zh": "登录 LiftBoard"},
    "signin_body": {
        "en": "This LiftBoard server is shared by teams: sign in with your work account to open your team's datasets.",
        "zh": "此 LiftBoard 服务器由多个团队共用：请使用工作账号登录，打开你所在团队的数据集。",
    },
    "signin_button": {"en": "Sign in", "zh": "登录"},
    "signin_with": {"en": "Sign in with {provider}", "zh": "使用 {provider} 登录"},
    "signin_not_configured": {
        "en": "Sign-in is not set up on this server: its administrator adds an [auth] section to .streamlit/secrets.toml (the README's Team server section shows how).",
        "zh": "此服务器尚未设置登录：需由管理员在 .streamlit/secrets.toml 中添加 [auth] 部分（见 README 的“团队服务器”一节）。",
    },
    "signin_no_team": {
        "en": "You are signed in as {email}, but no team on this server lists that address. Ask a team's admin to add it to the team configuration, or sign out and sign in with another account.",
        "zh": "你已以 {email} 登录，但此服务器上没有任何团队列出该地址。请让团队管理员把它加入团队配置，或退出后换一个账号登录。",
    },
    "signin_unverified": {
        "en": "The sign-in provider has not verified the address {email}: sign out and sign in with an account whose address it has verified.",
        "zh": "登录服务商尚未验证地址 {email}：请退出，并使用地址已验证的账号登录。",
    },
    "signout": {"en": "Sign out", "zh": "退出登录"},
    "signed_in_as": {"en": "{email} · {role}", "zh": "{email} · {role}"},
    "team_label": {"en": "Team", "zh": "团队"},
    "role_viewer": {"en": "Viewer", "zh": "查看者"},
    "role_editor": {"en": "Editor", "zh": "编辑者"},
    "role_admin": {"en": "Admin", "zh": "管理员"},
    "local_mode_banner": {
        "en": "Single-user local mode: no sign-in, and whoever reaches this app can read and change every dataset.",
        "zh": "单用户本地模式：无需登录，能打开此应用的任何人都可以查看和修改所有数据集。",
    },
    "dataset_link_refused": {
        "en": "The link's dataset is not in team {team}'s workspace, or you have no access to it. Choose a dataset in the sidebar, or ask whoever sent the link which team it belongs to.",
        "zh": "链接中的数据集不在团队 {team} 的工作区中，或你无权访问。请在侧边栏选择数据集，或询问发送链接的人它属于哪个团队。",
    },
    "role_reads_only": {
        "en": "You are a viewer in team {team}: you can open and analyse its datasets; uploading and changing them needs an editor.",
        "zh": "你是团队 {team} 的查看者：可以打开和分析其数据集；上传和修改需要编辑者角色。",
    },
    "role_rename_needs": {
        "en": "Renaming needs an editor of the team.",
        "zh": "重命名需要团队的编辑者角色。",
    },
    "role_delete_needs": {
        "en": "Deleting needs an admin of the team.",
        "zh": "删除需要团队的管理员角色。",
    },
}
