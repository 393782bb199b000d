export const templateDatabaseName = 'hub_test_template';
