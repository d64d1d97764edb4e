import { type PageContext } from './page-parts.js';
import { linkTo, type AppPage } from './routes.js';
import { type Imports, jsxText, str } from './source.js';

/** Sign in, sign up, forgotten password and new password, all through Supabase Auth. */
/** What each kind of auth page asks for and which Supabase Auth call it makes. */
export function authPage(page: AppPage, context: PageContext, imports: Imports): string {
  const { framework, routes } = context;
  const mode = page.auth ?? 'login';
  imports
    .add('react', 'useState')
    .add('react', 'FormEvent', { type: true })
    .add(`${framework.layout.supabaseImport}/client`, 'supabase')
    .add('@/lib/network', 'describeError')
    .add('@/components/ui/button', 'Button')
    .add('@/components/ui/input', 'Input')
    .add('@/components/ui/label', 'Label')
    .add('@/components/ui/card', ['Card', 'CardContent', 'CardDescription', 'CardHeader', 'CardTitle']);
  // Sign-up asks which of the self-service roles a person has, when there is a choice.
  const roles = mode === 'signup' && context.signUp && context.signUp.choices.length > 1 ? context.signUp : undefined;
  const picker = roles !== undefined;
  if (picker) imports.add('@/lib/format', 'formatLabel');
  const wantsEmail = mode !== 'reset';
  const wantsPassword = mode !== 'forgot';
  const navigates = mode === 'login' || mode === 'signup' || mode === 'reset';
  const navigator = navigates ? framework.navigator(imports) : undefined;
  // After signing in, go back to the page the guard turned the person away from.
  const returnTo = mode === 'login' ? framework.returnTo(imports) : undefined;
  const goHome = navigator ? `${navigator.go(linkTo(routes.home))};` : '';
  const goBack = navigator && returnTo ? `${navigator.go(`returnTo ?? ${linkTo(routes.home)}`)};` : goHome;
  const failed = `if (authError) {
      setError(describeError(authError));
      return;
    }`;
  const resetUrl = routes.reset ? `\`\${window.location.origin}${routes.reset.route}\`` : 'window.location.origin';
  const calls: Record<typeof mode, string> = {
    login: `const { error: authError } = await supabase.auth.signInWithPassword({ email, password });
    setSubmitting(false);
    ${failed}
    ${goBack}`,
    signup: `const { data, error: authError } = await supabase.auth.signUp({
      email,
      password,
      options: { emailRedirectTo: window.location.origin${picker ? ', data: { role }' : ''} },
    });
    setSubmitting(false);
    ${failed}
    if (!data.session) {
      setNotice('Check your email to confirm your account, then sign in.');
      return;
    }
    ${goHome}`,
    forgot: `const { error: authError } = await supabase.auth.resetPasswordForEmail(email, { redirectTo: ${resetUrl} });
    setSubmitting(false);
    ${failed}
    setNotice('If an account exists for that address, an email with a reset link is on its way.');`,
    reset: `const { error: authError } = await supabase.auth.updateUser({ password });
    setSubmitting(false);
    ${failed}
    ${goHome}`,
  };
  const texts: Record<typeof mode, { description: string; submit: string }> = {
    login: { description: `Sign in to ${context.productName}.`, submit: 'Sign in' },
    signup: { description: `Create your ${context.productName} account.`, submit: 'Create account' },
    forgot: { description: 'We will email you a link to choose a new password.', submit: 'Send reset link' },
    reset: { description: 'Choose a new password for your account.', submit: 'Save new password' },
  };
  const hasNotice = mode === 'signup' || mode === 'forgot';
  const links: string[] = [];
  const linkClass = 'font-medium text-primary hover:underline';
  if (mode === 'login' && routes.forgot) links.push(framework.link(imports, linkTo(routes.forgot.route), 'Forgot your password?', linkClass));
  if (mode === 'login' && routes.signup) links.push(`New here? ${framework.link(imports, linkTo(routes.signup.route), 'Create an account', linkClass)}`);
  if (mode !== 'login') links.push(`${mode === 'signup' ? 'Already have an account? ' : ''}${framework.link(imports, linkTo(routes.login.route), 'Sign in', linkClass)}`);
  const footer = links.map((link) => `          <p className="mt-4 text-center text-sm text-muted-foreground">${link}</p>`).join('\n');
  const emailField = wantsEmail
    ? `
            <div className="space-y-2">
              <Label htmlFor="email">Email</Label>
              <Input id="email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
            </div>`
    : '';
  const passwordField = wantsPassword
    ? `
            <div className="space-y-2">
              <Label htmlFor="password">${mode === 'reset' ? 'New password' : 'Password'}</Label>
              <Input
                id="password"
                type="password"
                autoComplete="${mode === 'login' ? 'current-password' : 'new-password'}"
                minLength={${mode === 'login' ? 1 : 8}}
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>`
    : '';
  const roleField = roles
    ? `
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">I am signing up as</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-2">
                {SIGN_UP_ROLES.map((option) => (
                  <label key={option} className="flex items-center gap-2 text-sm">
                    <input type="radio" name="role" value={option} className="size-4 accent-primary" checked={role === option} onChange={() => setRole(option)} />
                    {formatLabel(option)}
                  </label>
                ))}
              </div>
            </fieldset>`
    : '';
  const state = [
    ...(navigator ? [navigator.hook] : []),
    ...(returnTo ? [returnTo] : []),
    ...(wantsEmail ? ["const [email, setEmail] = useState('');"] : []),
    ...(wantsPassword ? ["const [password, setPassword] = useState('');"] : []),
    ...(roles ? [`const [role, setRole] = useState<string>(${str(roles.defaultRole)});`] : []),
    'const [error, setError] = useState<string | null>(null);',
    ...(hasNotice ? ['const [notice, setNotice] = useState<string | null>(null);'] : []),
    'const [submitting, setSubmitting] = useState(false);',
  ];
  const constants = roles
    ? `/** The roles people may give themselves; others are given by an administrator. */
const SIGN_UP_ROLES = [${roles.choices.map(str).join(', ')}] as const;

`
    : '';
  return `${constants}export default function ${page.component}() {
${state.map((line) => `  ${line}`).join('\n')}

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    ${calls[mode]}
  }

  return (
    <div className="flex min-h-screen items-center justify-center bg-muted px-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>
            <h1>${jsxText(page.name)}</h1>
          </CardTitle>
          <CardDescription>${jsxText(page.purpose ?? texts[mode].description)}</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={handleSubmit} className="space-y-4">${emailField}${passwordField}${roleField}
            {error && (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            )}${
              hasNotice
                ? `
            {notice && (
              <p role="status" className="text-sm text-muted-foreground">
                {notice}
              </p>
            )}`
                : ''
            }
            <Button type="submit" className="w-full" disabled={submitting}>
              {submitting ? 'Please wait…' : ${str(texts[mode].submit)}}
            </Button>
          </form>
${footer}
        </CardContent>
      </Card>
    </div>
  );
}`;
}
