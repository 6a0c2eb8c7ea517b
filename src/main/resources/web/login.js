// The sign-in form: carries ?next= through (where to go after), and says why the last try failed.
const params = new URLSearchParams(location.search);
const next = params.get('next');
if (next && next.startsWith('/') && !next.startsWith('//')) {
  document.getElementById('next').value = next;
}
const problem = document.getElementById('problem');
if (params.has('failed')) {
  problem.textContent = 'Wrong user name or password.';
  problem.hidden = false;
}
