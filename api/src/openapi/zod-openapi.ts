import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/**
 * Adds `.openapi()`, through which the registry names components, to zod schemas. zod 4
 * copies such methods onto each schema when it is created, so this module must be imported
 * before the schemas that are registered by name are built (response-schemas.ts imports it first).
 */
extendZodWithOpenApi(z);
