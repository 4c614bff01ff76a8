import type { Locale } from "@/lib/i18n/locale.client";

/** Strings of the sign-in page. Client-safe. */
const en = {
  title: "Sign in",
  intro: "Customers see their account's usage, bills and keys; support staff open the console.",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  submitting: "Signing in…",
  errEmpty: "Enter your email and password.",
  errWrong: "Wrong email or password.",
  errDisabled: "This sign-in has been disabled. Ask your administrator to turn it back on.",
  errThrottled: "Too many attempts. Try again in {n} minutes.",
  errThrottledOne: "Too many attempts. Try again in 1 minute.",
  errNetwork: "Could not reach the server. Check your connection and try again.",
  errServer: "Sign-in failed on the server ({status}). Try again in a moment.",
  errExpired: "Your session has ended. Sign in again.",
  keyless: "Only have an API key? Check its usage without signing in:",
  keylessLink: "usage page",
} as const;

export type SignInStrings = { [K in keyof typeof en]: string };

const zh: SignInStrings = {
  title: "登录",
  intro: "客户可查看账户的用量、账单和密钥；客服人员登录后进入支持后台。",
  email: "邮箱",
  password: "密码",
  submit: "登录",
  submitting: "正在登录…",
  errEmpty: "请输入邮箱和密码。",
  errWrong: "邮箱或密码错误。",
  errDisabled: "此账号已被停用，请联系管理员重新启用。",
  errThrottled: "尝试次数过多，请在 {n} 分钟后重试。",
  errThrottledOne: "尝试次数过多，请在 1 分钟后重试。",
  errNetwork: "无法连接服务器，请检查网络后重试。",
  errServer: "服务器登录出错（{status}），请稍后重试。",
  errExpired: "登录已过期，请重新登录。",
  keyless: "只有 API 密钥？无需登录即可查看用量：",
  keylessLink: "用量查询",
};

export const SIGN_IN_STRINGS: Record<Locale, SignInStrings> = { en, zh };
