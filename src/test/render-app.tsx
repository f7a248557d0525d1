import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router-dom';
import { App } from '../app/App';
import { createAppServices } from '../app/services';

/** The whole app at `path`, in a memory router, without retries (a test wants the first answer); its services. */
export function renderAppAt(path: string) {
  const services = createAppServices({
    retry: false,
    createRouter: (routes) => createMemoryRouter(routes, { initialEntries: [path] }),
  });
  render(<App services={services} />);
  return services;
}
